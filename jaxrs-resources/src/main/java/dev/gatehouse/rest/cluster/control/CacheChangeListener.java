package dev.gatehouse.rest.cluster.control;

import dev.gatehouse.rest.platform.control.ConfiguredDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Receives the changes other instances announce (see {@link CacheChanges}) on a dedicated
 * PostgreSQL connection outside the pool, and drops what they name from this instance's caches.
 *
 * <p>Every {@code gatehouse.cluster.poll-seconds} (default 2) it also reads the change counter on
 * that connection: if the counter moved past every announcement seen, one was missed and every
 * cache is dropped. The read doubles as the connection's health check (with a network timeout,
 * so a half-open connection fails too). When the connection fails, every cache is dropped and it
 * reconnects after {@code gatehouse.cluster.reconnect-seconds} (default 1), dropping everything
 * again once listening, since changes made meanwhile were not heard. While the database cannot be
 * reached at all, cached keys stay usable for at most {@code gatehouse.keys.cache-seconds}.
 */
@ApplicationScoped
public class CacheChangeListener {

    private static final Logger LOG = Logger.getLogger(CacheChangeListener.class.getName());
    private static final String COUNTER = "SELECT counter FROM cache_changes WHERE id = 1";

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LocalCaches caches;

    @Inject
    Clock clock;

    /** {@code gatehouse.cluster.poll-seconds}: how often the counter is read when no notification came. */
    @Inject
    @ConfigProperty(name = "gatehouse.cluster.poll-seconds", defaultValue = "2")
    long pollSeconds;

    /** {@code gatehouse.cluster.reconnect-seconds}: the wait before listening again after a lost connection. */
    @Inject
    @ConfigProperty(name = "gatehouse.cluster.reconnect-seconds", defaultValue = "1")
    long reconnectSeconds;

    private final Object lifecycle = new Object();
    private volatile boolean running;
    private volatile Connection connection;
    private long pollMillis;
    private long reconnectMillis;

    /** Starts listening on PostgreSQL; on H2 (one instance) there is nothing to hear. */
    public void start() {
        if (ConfiguredDataSource.Settings.read().isH2()) {
            return;
        }
        pollMillis = millis("gatehouse.cluster.poll-seconds", pollSeconds);
        reconnectMillis = millis("gatehouse.cluster.reconnect-seconds", reconnectSeconds);
        running = true;
        Thread thread = threads.newThread(this::listen);
        thread.setName("gatehouse-cache-changes");
        thread.setDaemon(true);
        thread.start();
    }

    private static long millis(String name, long value) {
        if (value < 1) {
            throw new IllegalStateException(name + " must be at least 1 but was " + value);
        }
        return value * 1000;
    }

    void listen() {
        while (running) {
            try (Connection c = new ConfiguredDataSource().getConnection()) {
                connection = c;
                c.setAutoCommit(true);
                c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, pollMillis + 10_000));
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CacheChanges.CHANNEL);
                }
                // Listening first, then reading the counter: a change committed after the read is heard.
                long seen = counter(c);
                caches.dropAll();
                LOG.info("Listening for cache changes from other instances");
                hear(c, c.unwrap(PGConnection.class), seen);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    caches.dropAll();
                    LOG.log(Level.WARNING, "Lost the cache-change connection; caches dropped, reconnecting", e);
                    pause(reconnectMillis);
                }
            } finally {
                connection = null;
            }
        }
    }

    private void hear(Connection c, PGConnection pg, long seen) throws SQLException {
        long nextPoll = clock.millis() + pollMillis;
        while (running) {
            long wait = Math.max(1, nextPoll - clock.millis());
            PGNotification[] notifications = pg.getNotifications((int) Math.min(Integer.MAX_VALUE, wait));
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    seen = Math.max(seen, apply(n.getParameter()));
                }
            }
            if (clock.millis() >= nextPoll) {
                long counter = counter(c);
                if (counter > seen) {
                    // Either announced after our read and about to arrive, or lost: dropping is safe.
                    LOG.fine(() -> "Change counter moved to " + counter + " without its notification; dropping caches");
                    caches.dropAll();
                    seen = counter;
                }
                nextPoll = clock.millis() + pollMillis;
            }
        }
    }

    /** Drops what one notification names; returns the counter it carried (0 if unreadable). */
    long apply(String payload) {
        int space = payload == null ? -1 : payload.indexOf(' ');
        long counter;
        try {
            counter = space > 0 ? Long.parseLong(payload.substring(0, space)) : 0;
        } catch (NumberFormatException e) {
            counter = 0;
        }
        Optional<CacheChange> change = space > 0 ? CacheChange.parse(payload.substring(space + 1)) : Optional.empty();
        if (change.isPresent()) {
            caches.drop(change.get());
        } else {
            caches.dropAll();
        }
        return counter;
    }

    private static long counter(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COUNTER)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void pause(long millis) {
        synchronized (lifecycle) {
            if (running) {
                try {
                    lifecycle.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        synchronized (lifecycle) {
            lifecycle.notifyAll();
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the cache-change connection", e);
            }
        }
    }
}
