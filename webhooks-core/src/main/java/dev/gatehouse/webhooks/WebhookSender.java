package dev.gatehouse.webhooks;

/**
 * Makes the HTTP request for one delivery attempt. The default is {@link HttpClientSender}; tests
 * plug in a fake that records requests and returns scripted results.
 *
 * <p>An implementation never throws for a failed request: it returns a {@link SendResult} with
 * {@link SendResult#error()} set. It is responsible for refusing targets its {@link UrlPolicy}
 * forbids at send time.
 */
@FunctionalInterface
public interface WebhookSender {

    /**
     * Sends one request.
     *
     * @param request what to send
     * @return what came back, or why nothing usable did
     */
    SendResult send(SendRequest request);
}
