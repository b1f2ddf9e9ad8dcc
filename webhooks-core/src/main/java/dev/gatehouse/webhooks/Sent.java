package dev.gatehouse.webhooks;

import java.time.Instant;

/** A claimed delivery after its turn on a send thread, waiting to be recorded. */
record Sent(Kind kind, Delivery claimed, Endpoint endpoint, Instant started, SendResult result, Instant finished) {

    enum Kind { SENT, NOT_SENT, SKIPPED, BROKEN }

    static Sent notSent(Delivery claimed, Instant now) {
        return new Sent(Kind.NOT_SENT, claimed, null, now, null, now);
    }

    static Sent skipped(Delivery claimed) {
        return new Sent(Kind.SKIPPED, claimed, null, null, null, null);
    }

    static Sent broken(Delivery claimed) {
        return new Sent(Kind.BROKEN, claimed, null, null, null, null);
    }
}
