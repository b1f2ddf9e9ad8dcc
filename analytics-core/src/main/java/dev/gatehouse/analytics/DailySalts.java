package dev.gatehouse.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Visitor ids without storing an IP address: {@code HMAC-SHA256(salt of the UTC day, site | IP |
 * user agent)}, cut to 63 bits. Each day gets a fresh random salt (made by whichever instance needs
 * it first and shared through the {@link SaltStore}); yesterday's is kept so that a visit crossing
 * midnight goes on; older salts are deleted as soon as a new day's salt is made, so an id cannot be
 * linked back to an address after at most 48 hours — by anyone, including whoever runs Gatehouse.
 */
public final class DailySalts {

    static final int SALT_BYTES = 32;

    private final SaltStore store;
    private final Clock clock;
    private final SecureRandom random;
    private volatile Snapshot current;
    /**
     * Each thread's keyed MACs for the current snapshot: {@code Mac.getInstance} and {@code init}
     * (a provider lookup and the key's pads) cost more than the HMAC of a short input, and every hit
     * needs two; {@code doFinal} leaves a MAC keyed and ready again.
     */
    private final ThreadLocal<Keyed> keyed = new ThreadLocal<>();

    public DailySalts(SaltStore store, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The ids of the visitor with this address and user agent on this site, now. */
    public VisitorId visitor(long siteId, String clientAddress, String userAgent) {
        Snapshot salts = salts();
        Keyed macs = keyed.get();
        if (macs == null || macs.salts != salts) {
            macs = new Keyed(salts, mac(salts.today), salts.yesterday == null ? null : mac(salts.yesterday));
            keyed.set(macs);
        }
        byte[] input = (siteId + "|" + nullToEmpty(clientAddress) + "|" + nullToEmpty(userAgent))
            .getBytes(StandardCharsets.UTF_8);
        return new VisitorId(id(macs.today.doFinal(input)), macs.yesterday == null ? 0 : id(macs.yesterday.doFinal(input)));
    }

    /**
     * Makes sure today's salt exists and deletes the ones older than yesterday. Called by
     * {@link #visitor} at the first hit of a day; a scheduler may call it too, so the deletion also
     * happens on a day without hits.
     */
    public void rotate() {
        salts();
    }

    private Snapshot salts() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Snapshot s = current;
        if (s != null && s.day.equals(today)) {
            return s;
        }
        synchronized (this) {
            s = current;
            if (s != null && s.day.equals(today)) {
                return s;
            }
            byte[] fresh = new byte[SALT_BYTES];
            random.nextBytes(fresh);
            byte[] todays = store.putIfAbsent(today, fresh);
            LocalDate yesterday = today.minusDays(1);
            byte[] yesterdays = store.find(yesterday).orElse(null);
            store.deleteBefore(yesterday);
            s = new Snapshot(today, todays, yesterdays);
            current = s;
            return s;
        }
    }

    static long hmac(byte[] key, byte[] input) {
        return id(mac(key).doFinal(input));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The first 63 bits of the MAC; never 0, which means "none". */
    private static long id(byte[] h) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        long id = v & Long.MAX_VALUE;
        return id == 0 ? 1 : id;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private record Snapshot(LocalDate day, byte[] today, byte[] yesterday) {
    }

    private record Keyed(Snapshot salts, Mac today, Mac yesterday) {
    }
}
