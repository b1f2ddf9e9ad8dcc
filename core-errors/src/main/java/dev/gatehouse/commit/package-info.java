/**
 * Group commit: {@link dev.gatehouse.commit.GroupCommitter} collects concurrent callers' items on
 * one writer thread into batches, runs each batch in one transaction
 * ({@link dev.gatehouse.commit.NewTransactions}) and answers every caller only after the batch
 * holding its item committed. The mechanism behind usage recording's {@code GroupCommit}
 * ({@code entitlements-core}) and the REST endpoint {@code POST /events} (the webhooks outbox).
 *
 * <p>Decisions: it lives in {@code core-errors}, the one module every core already depends on, so
 * that the queue, the writer, the batch window, the batch-then-each-alone retry and the close/drain
 * have one home and the cores stay independent of each other; JDK only. What a batch does, and
 * what "exact" means for it, is the caller's: the work is handed the batch's items in arrival
 * order and must answer each as if they had run one after another.
 */
package dev.gatehouse.commit;
