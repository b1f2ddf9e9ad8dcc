/**
 * JPA mappings of the keys, users, verification codes and audit events tables. The schema is
 * Flyway's; Hibernate only validates it. No entity holds a secret in clear.
 */
package dev.gatehouse.rest.keys.entity;
