/**
 * The deployable application: {@code GatehouseApplication} serves {@link dev.gatehouse.rest.Gatehouse}'s
 * classes under {@code /api/v1}. Everything else in the WAR is configuration ({@code web.xml}: the
 * data source, the error-shape filter and error page; {@code persistence.xml};
 * {@code microprofile-config.properties}: the one database default) and the static docs pages.
 * The same WAR runs on any Jakarta EE 10 server and inside {@code gatehouse.jar}.
 */
package dev.gatehouse.war;
