/**
 * Webhooks over HTTP (seed 001 "Webhooks"): endpoint management, the delivery log, test sends,
 * manual retries and secret rotation under {@code /webhooks}; publishing under {@code /events}; the
 * catalogue under {@code /event-types}. Resources parse and shape; the webhooks core decides. A
 * signing secret appears in exactly two responses, creation and rotation.
 */
package dev.gatehouse.rest.webhooks.boundary;
