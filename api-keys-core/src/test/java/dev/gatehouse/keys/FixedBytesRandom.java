package dev.gatehouse.keys;

import java.security.SecureRandom;

/** A "random" source that serves fixed bytes, for known-answer tests; fails when they run out. */
final class FixedBytesRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private final int[] values;
    private int next;

    FixedBytesRandom(int... values) {
        this.values = values.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (next == values.length) {
                throw new IllegalStateException("FixedBytesRandom ran out of bytes");
            }
            bytes[i] = (byte) values[next++];
        }
    }

    synchronized int consumed() {
        return next;
    }
}
