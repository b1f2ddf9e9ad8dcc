/** The stored Idempotency-Key records: one row per calling key and Idempotency-Key. */
package dev.gatehouse.rest.idempotency.entity;
