package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.webhooks.entity.SettingEntity;
import dev.gatehouse.webhooks.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds the key that encrypts webhook signing secrets at rest: {@code gatehouse.secrets.key}
 * ({@code GATEHOUSE_SECRETS_KEY}, the base64 of 32 bytes) when set. Otherwise a key generated on
 * the first start and kept in {@code gatehouse_settings}, with a warning at every start — a key
 * stored next to the data protects against leaked logs and listings, not against a stolen database.
 */
@ApplicationScoped
public class SecretKeys {

    static final String SETTING = "secrets.key";
    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** {@code gatehouse.secrets.key} ({@code GATEHOUSE_SECRETS_KEY}): base64 of 32 bytes; generated and stored when unset. */
    @Inject
    @ConfigProperty(name = "gatehouse.secrets.key")
    Optional<String> secretsKey;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    /** The cipher for signing secrets; fails with a plain message when the configured key is malformed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public SecretCipher cipher() {
        Optional<String> configured = secretsKey.map(String::trim).filter(v -> !v.isEmpty());
        if (configured.isPresent()) {
            try {
                return SecretCipher.fromBase64Key(configured.get(), random);
            } catch (ValidationException malformed) {
                throw new IllegalStateException("gatehouse.secrets.key (GATEHOUSE_SECRETS_KEY) must be the base64 of"
                        + " 32 random bytes, for example the output of: openssl rand -base64 32");
            }
        }
        SettingEntity stored = em.find(SettingEntity.class, SETTING);
        if (stored == null) {
            stored = new SettingEntity();
            stored.key = SETTING;
            stored.value = SecretCipher.generateKey(random);
            stored.createdAt = clock.instant();
            // Two instances starting together on an empty database: the second insert fails on the
            // primary key, this transaction rolls back and that instance's next start reads the winner.
            em.persist(stored);
            em.flush();
        }
        LOG.warning("GATEHOUSE_SECRETS_KEY is not set: webhook signing secrets are encrypted with a key kept in the"
                + " database itself (table gatehouse_settings, setting_key '" + SETTING + "'), which does not protect"
                + " them if the database is copied. Set GATEHOUSE_SECRETS_KEY (gatehouse.secrets.key) to that stored"
                + " value and keep it outside the database (e.g. in a secret manager), then delete the row.");
        return SecretCipher.fromBase64Key(stored.value, random);
    }
}
