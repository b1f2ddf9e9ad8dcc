/**
 * The SEO tables as JPA entities: pages, immutable reports, de-duplicated issues and a workspace's
 * regression thresholds. Plain public fields mapped to the Flyway schema of {@code V25__seo_reports.sql};
 * Hibernate validates them, it never creates the tables. Ids are plain columns rather than
 * relationships, so the store loads exactly what each call needs.
 */
package dev.gatehouse.rest.seo.entity;
