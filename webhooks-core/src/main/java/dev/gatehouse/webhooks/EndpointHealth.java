package dev.gatehouse.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When an endpoint is disabled: it answered 410 Gone, or it has failed without a single success
 * for {@code disableAfter}. Judged per batch of sends ({@link #tally}) and by the periodic sweep
 * ({@link #disableFailing}); the listener hears of each endpoint disabled either way.
 */
final class EndpointHealth {

    private static final System.Logger LOG = System.getLogger(Webhooks.class.getName());

    private final WebhookStore store;
    private final Clock clock;
    private final Duration disableAfter;
    private final WebhookListener listener;

    EndpointHealth(WebhookStore store, Clock clock, Duration disableAfter, WebhookListener listener) {
        this.store = store;
        this.clock = clock;
        this.disableAfter = disableAfter;
        this.listener = listener;
    }

    /**
     * What one endpoint's sends in a batch did, taken in the order they finished, and whether the
     * endpoint is to be disabled: it answered 410 Gone, or it has failed without a success for
     * {@code disableAfter} (its stored streak, as read when the deliveries were claimed, counts).
     */
    EndpointTally tally(List<Sent> sends, Instant now) {
        sends.sort(Comparator.comparing(Sent::finished));
        Endpoint endpoint = sends.get(0).endpoint();
        int successes = 0;
        int failures = 0;
        int trailing = 0;
        Instant failingSince = null;
        Instant lastSuccessAt = null;
        boolean gone = false;
        for (Sent sent : sends) {
            if (sent.result().success()) {
                successes++;
                trailing = 0;
                failingSince = null;
                lastSuccessAt = sent.finished();
            } else {
                failures++;
                trailing++;
                if (failingSince == null) {
                    failingSince = sent.started();
                }
                gone |= sent.result().statusCode() != null && sent.result().statusCode() == 410;
            }
        }
        String reason = null;
        if (gone) {
            reason = Webhooks.GONE_REASON;
        } else if (trailing > 0) {
            Instant streak = successes == 0 && endpoint.failingSince() != null ? endpoint.failingSince() : failingSince;
            Instant lastFinished = sends.get(sends.size() - 1).finished();
            if (!streak.isAfter(lastFinished.minus(disableAfter))) {
                reason = failingReason(streak);
            }
        }
        return new EndpointTally(endpoint.id(), successes, failures, trailing, failingSince, lastSuccessAt, reason, now);
    }

    int disableFailing() {
        Instant now = Webhooks.now(clock);
        Instant cutoff = now.minus(disableAfter);
        int disabled = 0;
        for (Endpoint candidate : store.endpointsFailingSince(cutoff)) {
            Optional<Endpoint> fresh = store.findEndpoint(candidate.id())
                    .filter(e -> e.active() && e.failingSince() != null && !e.failingSince().isAfter(cutoff));
            if (fresh.isEmpty()) {
                continue;
            }
            String reason = failingReason(fresh.get().failingSince());
            Endpoint saved = saveEndpoint(fresh.get().deactivated(reason, now));
            if (saved != null) {
                notifyDisabled(saved, reason);
                disabled++;
            }
        }
        return disabled;
    }

    void notifyDisabled(Endpoint endpoint, String reason) {
        try {
            listener.endpointDisabled(endpoint, reason);
        } catch (RuntimeException broken) {
            LOG.log(System.Logger.Level.WARNING, "Webhook listener failed for endpoint " + endpoint.id(), broken);
        }
    }

    private Endpoint saveEndpoint(Endpoint endpoint) {
        try {
            return store.updateEndpoint(endpoint);
        } catch (EndpointNotFoundException deletedMeanwhile) {
            return null;
        }
    }

    private static String failingReason(Instant failingSince) {
        return "no successful delivery since " + failingSince;
    }
}
