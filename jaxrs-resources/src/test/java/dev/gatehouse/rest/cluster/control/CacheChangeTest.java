package dev.gatehouse.rest.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The announced form of a change: written and read back, and anything else ignored. */
class CacheChangeTest {

    @Test
    void text_roundTrips() {
        for (CacheChange change : new CacheChange[] {CacheChange.key(42), CacheChange.workspace(7),
                CacheChange.override(7, "api:calls"), CacheChange.mcpServers(9)}) {
            assertThat(CacheChange.parse(change.text())).contains(change);
        }
    }

    @Test
    void text_isCompact() {
        assertThat(CacheChange.key(42).text()).isEqualTo("k:42");
        assertThat(CacheChange.override(7, "posts").text()).isEqualTo("o:7:posts");
        assertThat(CacheChange.mcpServers(9).text()).isEqualTo("m:9");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"k:", "k:x", "w:1.5", "o:7", "o:7:", "o::posts", "m:", "m:x", "z:1", "k-1", "*"})
    void parse_anythingElse_isEmpty(String text) {
        assertThat(CacheChange.parse(text)).isEqualTo(Optional.empty());
    }
}
