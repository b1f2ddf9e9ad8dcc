package dev.gatehouse.rest.idempotency.control;

import dev.gatehouse.rest.idempotency.entity.IdempotencyRecordEntity;
import dev.gatehouse.webhooks.SecretCipher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Idempotency-Key records, each method in its own committed transaction. The caller (the
 * {@code Idempotency} filter) decides what to do with what it finds.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class IdempotencyStore {


    /** The longest encrypted body the column holds; a larger response is not kept (a retry runs again). */
    static final int MAX_STORED_CHARS = 1_000_000;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** The one secrets key of the deployment (configured, or generated once and kept with the data). */
    @Inject
    SecretCipher cipher;

    /** {@code gatehouse.idempotency.lease-seconds}: far longer than any write takes, short enough to retry soon. */
    @Inject
    @ConfigProperty(name = "gatehouse.idempotency.lease-seconds", defaultValue = "60")
    long leaseSeconds;

    /** How long a claim holds the key before a retry may take it over; see {@link #takeOver}. */
    Duration lease;

    @PostConstruct
    void configure() {
        long seconds = leaseSeconds;
        if (seconds < 1) {
            throw new IllegalStateException("gatehouse.idempotency.lease-seconds must be at least 1 but was " + seconds);
        }
        lease = Duration.ofSeconds(seconds);
    }

    /**
     * Inserts an "in progress" row unless one exists for the same calling key and Idempotency-Key.
     *
     * @return true when this request now owns the key and must execute
     */
    public boolean claim(long keyId, String idempotencyKey, String fingerprint, Instant now, Instant expiresAt) {
        // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): losing the race is an
        // answer, not an error that would roll the transaction back.
        int inserted = em.createNativeQuery("INSERT INTO idempotency_keys (key_id, idempotency_key, fingerprint, state,"
                        + " created_at, expires_at, lease_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING")
                .setParameter(1, keyId).setParameter(2, idempotencyKey).setParameter(3, fingerprint)
                .setParameter(4, IdempotencyRecordEntity.IN_PROGRESS).setParameter(5, now).setParameter(6, expiresAt)
                .setParameter(7, now.plus(lease))
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Takes over a key whose request is still "in progress" but whose lease has run out — its
     * instance died, or it hung — for a retry of the same request (same fingerprint). One
     * conditional update, so of several retries at once exactly one wins.
     *
     * @return true when this request now owns the key and must execute
     */
    public boolean takeOver(long keyId, String idempotencyKey, String fingerprint, Instant now) {
        return em.createQuery("update IdempotencyRecordEntity e set e.leaseUntil = :lease"
                        + " where e.keyId = :key and e.idempotencyKey = :ik and e.state = :inProgress"
                        + " and e.fingerprint = :fp and (e.leaseUntil is null or e.leaseUntil <= :now)")
                .setParameter("lease", now.plus(lease)).setParameter("key", keyId).setParameter("ik", idempotencyKey)
                .setParameter("inProgress", IdempotencyRecordEntity.IN_PROGRESS).setParameter("fp", fingerprint)
                .setParameter("now", now).executeUpdate() == 1;
    }

    /** The record of a calling key's Idempotency-Key, with the body decrypted. */
    public Optional<StoredRequest> find(long keyId, String idempotencyKey) {
        List<IdempotencyRecordEntity> rows = em.createQuery("select e from IdempotencyRecordEntity e"
                        + " where e.keyId = :key and e.idempotencyKey = :ik", IdempotencyRecordEntity.class)
                .setParameter("key", keyId).setParameter("ik", idempotencyKey).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecordEntity e = rows.get(0);
        byte[] body = null;
        boolean readable = true;
        if (e.responseBody != null) {
            try {
                body = cipher.decrypt(e.responseBody).getBytes(StandardCharsets.ISO_8859_1);
            } catch (RuntimeException wrongKeyOrTampered) {
                readable = false;
            }
        }
        return Optional.of(new StoredRequest(e.fingerprint, IdempotencyRecordEntity.COMPLETE.equals(e.state), e.expiresAt,
                e.responseStatus == null ? 0 : e.responseStatus, e.responseContentType, e.responseLocation, body, readable,
                e.leaseUntil));
    }

    /** Keeps the response of the request that claimed the key. */
    public void complete(long keyId, String idempotencyKey, int status, String contentType, String location, byte[] body) {
        // ISO-8859-1 maps every byte to one char, so any body (even one that is not UTF-8) survives the text cipher.
        String encrypted = body == null ? null : cipher.encrypt(new String(body, StandardCharsets.ISO_8859_1));
        if (encrypted != null && encrypted.length() > MAX_STORED_CHARS) {
            release(keyId, idempotencyKey);
            return;
        }
        em.createQuery("update IdempotencyRecordEntity e set e.state = :state, e.responseStatus = :status,"
                        + " e.responseContentType = :type, e.responseLocation = :location, e.responseBody = :body"
                        + " where e.keyId = :key and e.idempotencyKey = :ik")
                .setParameter("state", IdempotencyRecordEntity.COMPLETE).setParameter("status", status)
                .setParameter("type", contentType).setParameter("location", location).setParameter("body", encrypted)
                .setParameter("key", keyId).setParameter("ik", idempotencyKey).executeUpdate();
    }

    /** Forgets a key, so that a retry executes again (after a 5xx, or when the response could not be kept). */
    public void release(long keyId, String idempotencyKey) {
        em.createQuery("delete from IdempotencyRecordEntity e where e.keyId = :key and e.idempotencyKey = :ik")
                .setParameter("key", keyId).setParameter("ik", idempotencyKey).executeUpdate();
    }

    /** Deletes one record if it has expired; true when it did. */
    public boolean deleteIfExpired(long keyId, String idempotencyKey, Instant now) {
        return em.createQuery("delete from IdempotencyRecordEntity e where e.keyId = :key and e.idempotencyKey = :ik"
                        + " and e.expiresAt <= :now")
                .setParameter("key", keyId).setParameter("ik", idempotencyKey).setParameter("now", now).executeUpdate() == 1;
    }

    /** Deletes every expired record; returns how many. */
    public int purgeExpired(Instant now) {
        return em.createQuery("delete from IdempotencyRecordEntity e where e.expiresAt <= :now")
                .setParameter("now", now).executeUpdate();
    }
}
