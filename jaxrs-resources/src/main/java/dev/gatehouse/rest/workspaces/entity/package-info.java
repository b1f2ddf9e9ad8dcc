/**
 * JPA mapping of the {@code workspaces} table. The schema is Flyway's (the migrations under
 * {@code db/migration}); Hibernate only validates it.
 */
package dev.gatehouse.rest.workspaces.entity;
