/**
 * The JPA implementation of api-keys-core's workspace store. It owns the queries; resources and
 * the core never see an {@code EntityManager}.
 */
package dev.gatehouse.rest.workspaces.control;
