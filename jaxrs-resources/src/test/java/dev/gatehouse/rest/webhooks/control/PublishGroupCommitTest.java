package dev.gatehouse.rest.webhooks.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.commit.GroupCommitter;
import dev.gatehouse.entitlements.Concurrently;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.webhooks.PublishRequest;
import dev.gatehouse.webhooks.PublishResult;
import dev.gatehouse.webhooks.Webhooks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * REST publishing's group commit as {@link EventBatches} wires it — the shared {@link GroupCommitter}
 * over {@link Webhooks#publishAll} and {@link JpaWebhookStore}, one transaction per batch that the
 * store joins — on a Flyway-migrated H2 and, when one is reachable, PostgreSQL. The batches are
 * closed by count (the ticker never moves), so each test knows exactly which publishes share one.
 */
class PublishGroupCommitTest {

    abstract static class OnDatabase {

        TestDatabase db;
        PublishingWiring wiring;
        GroupCommitter<PublishRequest, PublishResult> committer;

        abstract TestDatabase open();

        @BeforeEach
        void wire() {
            if (db == null) {
                db = open();
            }
            db.sql("DELETE FROM webhook_attempts", "DELETE FROM webhook_deliveries", "DELETE FROM webhook_endpoints",
                    "DELETE FROM webhook_events", "DELETE FROM workspaces");
            db.workspace(1, "free");
            db.workspace(2, "free");
            wiring = new PublishingWiring(db);
            Webhooks webhooks = wiring.webhooks;
            webhooks.createEndpoint(1, "http://127.0.0.1:9/hook", List.of("*"), null, null);
            webhooks.createEndpoint(2, "http://127.0.0.1:9/hook", List.of("*"), null, null);
            webhooks.createEndpoint(2, "http://127.0.0.1:9/other", List.of("order.*"), null, null);
        }

        /** Closes a batch only at {@code maxBatch} publishes: the ticker never moves, the window never ends. */
        GroupCommitter<PublishRequest, PublishResult> committer(int maxBatch) {
            committer = GroupCommitter.builder("test-publish-group-commit", wiring.webhooks::publishAll)
                    .transactions(wiring.transactions)
                    .maxBatch(maxBatch).window(Duration.ofSeconds(1)).nanoTicker(() -> 0L).build();
            return committer;
        }

        @AfterEach
        void closeCommitter() {
            if (committer != null) {
                committer.close();
            }
        }

        @AfterAll
        void closeDatabase() {
            if (db != null) {
                db.close();
            }
        }

        @Test
        void publish_concurrentWithRepeatedIds_oneBatchStoresEachIdOnceAndAnswersTheRestAsDuplicates() throws Exception {
            committer(24);

            // 24 callers, one batch: ids evt_0..evt_7 three times each; even ids in workspace 1, odd ones in 2.
            List<PublishResult> results = Concurrently.run(24, t -> () -> committer.submit(
                    new PublishRequest(t % 2 == 0 ? 1 : 2, "order.created", "{\"n\":" + t + "}", "evt_" + (t % 8))));

            assertThat(wiring.transactionCount.sum()).isEqualTo(1);
            Map<String, List<PublishResult>> byId = results.stream().collect(Collectors.groupingBy(PublishResult::eventId));
            assertThat(byId).hasSize(8).allSatisfy((id, answers) -> {
                assertThat(answers).hasSize(3);
                assertThat(answers).filteredOn(r -> !r.duplicate()).singleElement()
                        .satisfies(r -> assertThat(r.deliveries()).isBetween(1, 2));
                assertThat(answers).filteredOn(PublishResult::duplicate).hasSize(2)
                        .allSatisfy(r -> assertThat(r.deliveries()).isZero());
            });
            // evt_0,2,4,6 only ever came from workspace 1 (one endpoint), evt_1,3,5,7 from workspace 2 (two).
            assertThat(count("SELECT COUNT(*) FROM webhook_events")).isEqualTo(8);
            assertThat(count("SELECT COUNT(*) FROM webhook_deliveries")).isEqualTo(4 + 4 * 2);
            assertThat(results).filteredOn(r -> !r.duplicate()).extracting(PublishResult::deliveries)
                    .containsExactlyInAnyOrder(1, 1, 1, 1, 2, 2, 2, 2);
        }

        @Test
        void publish_oneBadPublishInABatch_failsAloneAndTheOthersAreStored() throws Exception {
            committer(3);

            // Workspace 99 does not exist: its event breaks the foreign key, failing the batch's transaction.
            List<Object> outcomes = Concurrently.run(3, t -> () -> {
                try {
                    return committer.submit(new PublishRequest(t == 0 ? 99 : 1, "order.created", "{}", "evt_" + t));
                } catch (RuntimeException e) {
                    return e;
                }
            });

            assertThat(wiring.transactionCount.sum()).isEqualTo(1 + 3); // the batch, rolled back; then each alone
            assertThat(outcomes.get(0)).isInstanceOfSatisfying(RuntimeException.class,
                    e -> assertThat(e).hasRootCauseInstanceOf(SQLException.class));
            assertThat(outcomes.subList(1, 3)).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(PublishResult.class,
                    p -> assertThat(p.duplicate()).isFalse()));
            assertThat(count("SELECT COUNT(*) FROM webhook_events")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM webhook_deliveries")).isEqualTo(2);
        }

        @Test
        void publish_idStoredByAnEarlierBatch_isADuplicateWithNoDeliveries() {
            committer(1);

            PublishResult first = committer.submit(new PublishRequest(2, "order.created", "{}", "evt_same"));
            PublishResult again = committer.submit(new PublishRequest(2, "order.created", "{}", "evt_same"));

            assertThat(first.duplicate()).isFalse();
            assertThat(first.deliveries()).isEqualTo(2);
            assertThat(again.duplicate()).isTrue();
            assertThat(again.deliveries()).isZero();
            assertThat(count("SELECT COUNT(*) FROM webhook_deliveries")).isEqualTo(2);
        }

        long count(String sql) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2 extends OnDatabase {
        @Override
        TestDatabase open() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Postgres extends OnDatabase {
        @BeforeAll
        void requirePostgres() {
            String unavailable = TestDatabase.postgresUnavailableReason();
            Assumptions.assumeTrue(unavailable == null, unavailable);
        }

        @Override
        TestDatabase open() {
            return TestDatabase.postgres();
        }
    }
}
