package dev.gatehouse.seo;

import static dev.gatehouse.seo.IssueStatus.IGNORED;
import static dev.gatehouse.seo.IssueStatus.OPEN;
import static dev.gatehouse.seo.IssueStatus.REOPENED;
import static dev.gatehouse.seo.IssueStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssueStatusTest {

    @ParameterizedTest
    @CsvSource({"OPEN, OPEN", "RESOLVED, REOPENED", "REOPENED, REOPENED", "IGNORED, IGNORED"})
    void seenAgain_movesOnlyResolvedIssues(IssueStatus before, IssueStatus after) {
        assertThat(before.seenAgain()).isEqualTo(after);
    }

    @ParameterizedTest
    @CsvSource({"OPEN, RESOLVED", "RESOLVED, RESOLVED", "REOPENED, RESOLVED", "IGNORED, IGNORED"})
    void missingFromNewerReport_resolvesActiveIssues(IssueStatus before, IssueStatus after) {
        assertThat(before.missingFromNewerReport()).isEqualTo(after);
    }

    @Test
    void setByPerson_ignoreFromAnyStatus() {
        for (IssueStatus s : IssueStatus.values()) {
            assertThat(s.setByPerson(IGNORED)).isEqualTo(IGNORED);
        }
    }

    @Test
    void setByPerson_openOnlyUndoesIgnore() {
        assertThat(IGNORED.setByPerson(OPEN)).isEqualTo(OPEN);
        assertThatThrownBy(() -> RESOLVED.setByPerson(OPEN)).isInstanceOf(ValidationException.class);
    }

    @Test
    void setByPerson_resolvedIsRefused() {
        assertThatThrownBy(() -> OPEN.setByPerson(RESOLVED)).isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).containsOnlyKeys("status"));
    }

    @Test
    void reconcile_newSeenAndMissing() {
        Map<String, IssueStatus> known = Map.of("a", OPEN, "b", RESOLVED, "c", REOPENED, "d", IGNORED, "e", RESOLVED);

        Reconciliation r = Reconciliation.of(known, List.of("a", "b", "new", "new"));

        assertThat(r.created()).containsExactly("new");
        assertThat(r.seen()).containsOnly(Map.entry("a", OPEN), Map.entry("b", REOPENED));
        assertThat(r.resolved()).containsExactly("c");
        assertThat(r.opened(known)).containsExactlyInAnyOrder("new", "b");
    }

    @Test
    void reconcile_firstReport_createsEverything() {
        Reconciliation r = Reconciliation.of(Map.of(), List.of("a", "b"));

        assertThat(r.created()).containsExactlyInAnyOrder("a", "b");
        assertThat(r.seen()).isEmpty();
        assertThat(r.resolved()).isEmpty();
    }
}
