package dev.gatehouse.rest.platform.control;

import dev.gatehouse.keys.Actor;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.IssuedKey;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.rest.keys.control.JpaApiKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure a root key exists when Gatehouse starts. With {@code GATEHOUSE_BOOTSTRAP_KEY}
 * ({@code gatehouse.bootstrap.key}) set to a well-formed root key, that key is the root key and
 * nothing secret is printed; a malformed value stops start-up. Otherwise, if the database has no
 * root key, one is created and printed exactly once on standard output.
 *
 * <p>Two instances starting at the same moment on an empty PostgreSQL database create one key
 * between them: the check and the insert run under an advisory lock ({@link RootKeyLock}), so the
 * second waits for the first's commit and then finds its key. The key is printed only once its
 * transaction has committed, and {@link RootKeyStartup} bootstraps last, after every other
 * start-up step succeeded, so a deploy that fails neither prints nor keeps a key nobody saw.
 */
@ApplicationScoped
public class RootKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(RootKeyBootstrap.class.getName());

    @Inject
    ApiKeys keys;

    @Inject
    JpaApiKeyStore store;

    /** {@code gatehouse.bootstrap.key} ({@code GATEHOUSE_BOOTSTRAP_KEY}): a root key to use instead of generating one. */
    @Inject
    @ConfigProperty(name = "gatehouse.bootstrap.key")
    Optional<String> bootstrapKey;

    @Inject
    AfterCommit afterCommit;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** Called once at start-up by {@link RootKeyStartup}. */
    @Transactional
    public void run() {
        Optional<String> preset = bootstrapKey.map(String::trim).filter(v -> !v.isEmpty());
        if (preset.isPresent()) {
            String key = preset.get();
            if (!keys.isWellFormed(key) || keys.typeOf(key) != KeyType.ROOT) {
                throw StartupFailure.report("GATEHOUSE_BOOTSTRAP_KEY is not a well-formed root key. A root key is "
                        + keys.prefix(KeyType.ROOT) + " followed by 24 base62 characters and a 6-character base62 CRC32 checksum; "
                        + "unset the variable to have Gatehouse generate one.", null);
            }
            keys.issueRoot(key, Actor.system());
            LOG.info("Gatehouse root key taken from GATEHOUSE_BOOTSTRAP_KEY (" + ApiKeys.displayPrefix(key) + "…)");
            return;
        }
        RootKeyLock.acquire(em, !ConfiguredDataSource.Settings.read().isH2());
        if (!store.existsRootKey()) {
            IssuedKey root = keys.issueRoot(null, Actor.system());
            afterCommit.run(() -> {
                System.out.println("Gatehouse root key (shown once): " + root.secret());
                System.out.flush();
            });
        }
    }
}
