/**
 * Storage of Idempotency-Key records. Every method runs in its own transaction
 * ({@code REQUIRES_NEW}): the "in progress" row must be committed before the request executes, so
 * that a concurrent duplicate on any instance hits the unique constraint on
 * {@code (key_id, idempotency_key)}, and the result must be kept even though the request's own
 * transaction has already ended. Response bodies are encrypted with AES-GCM ({@code SecretCipher})
 * because they may carry a secret that is shown once.
 */
package dev.gatehouse.rest.idempotency.control;
