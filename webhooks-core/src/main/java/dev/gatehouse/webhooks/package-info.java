/**
 * Outbound webhooks for Gatehouse: endpoints subscribe to event types; publishing an event writes
 * one delivery row per matching active endpoint in the publisher's own transaction (a
 * transactional outbox); workers claim due rows under a lease, POST them signed per the Standard
 * Webhooks specification and retry on a fixed, jittered schedule until success, exhaustion or the
 * endpoint's disabling. Decisions: the facade {@link dev.gatehouse.webhooks.Webhooks} owns the
 * algorithm and {@link dev.gatehouse.webhooks.WebhookStore} is a small storage SPI that every
 * backend fills and proves with one shared contract suite; delivery is at least once, so the
 * {@code webhook-id} header is the event id on every attempt for receivers to de-duplicate, the
 * body is fixed at publish time and only timestamp and signature are fresh per attempt; URLs pass
 * an SSRF policy at registration and again right before every send, and redirects are never
 * followed; event data is opaque JSON text the core never parses; an endpoint that answers 410 or
 * fails without success for the configured period is disabled and its queued deliveries fail when
 * claimed rather than being hunted down; time comes only from an injected
 * {@link java.time.Clock} and randomness from an injected {@link java.security.SecureRandom};
 * secrets are compared in constant time, kept out of {@code toString} and messages, and encrypted
 * at rest with {@link dev.gatehouse.webhooks.SecretCipher}; only the JDK is used. Behind the facade
 * the parts are package-private, one seam each: endpoint rules, the outbox, the delivery pump with
 * its signed sends, outcome recording and endpoint health, and the builder's defaults in
 * {@code WebhooksSettings}.
 */
package dev.gatehouse.webhooks;
