package dev.gatehouse.webhooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Records every request and answers from a script; answers 200 when the script is empty. */
final class FakeSender implements WebhookSender {

    private final List<SendRequest> requests = new ArrayList<>();
    private final Deque<SendResult> script = new ArrayDeque<>();
    private SendResult fallback = status(200);

    static SendResult status(int code) {
        return new SendResult(code, "{}", Map.of(), null, 7);
    }

    static SendResult status(int code, String header, String value) {
        return new SendResult(code, "", Map.of(header, List.of(value)), null, 7);
    }

    synchronized FakeSender then(SendResult result) {
        script.add(result);
        return this;
    }

    synchronized FakeSender always(SendResult result) {
        fallback = result;
        return this;
    }

    @Override
    public synchronized SendResult send(SendRequest request) {
        requests.add(request);
        return script.isEmpty() ? fallback : script.poll();
    }

    synchronized List<SendRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized SendRequest last() {
        return requests.get(requests.size() - 1);
    }
}
