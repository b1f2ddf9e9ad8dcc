/**
 * Start-up and infrastructure beans: the configured data source (H2 or PostgreSQL chosen by URL),
 * Flyway migrations run before JPA starts (and a refusal to start on a schema newer than this
 * build), the root-key bootstrap, the producers of the core facades ({@code CoreProducers}),
 * after-commit hooks, domain events, and the health checks. Decisions: a start-up failure is
 * logged in plain words and stops the jar ({@code gatehouse.exit-on-startup-failure}, exit status 2)
 * instead of leaving an empty server that looks healthy.
 */
package dev.gatehouse.rest.platform.control;
