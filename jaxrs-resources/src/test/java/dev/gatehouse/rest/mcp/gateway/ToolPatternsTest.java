package dev.gatehouse.rest.mcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolPatternsTest {

    @Test
    void allows_noPatterns_allowsEveryTool() {
        assertThat(ToolPatterns.of(List.of()).allows("anything")).isTrue();
        assertThat(ToolPatterns.of(null).allows("anything")).isTrue();
    }

    @Test
    void allows_namesAndStars_matchWholeNames() {
        ToolPatterns p = ToolPatterns.of(List.of("echo", "get-*"));
        assertThat(p.allows("echo")).isTrue();
        assertThat(p.allows("get-sum")).isTrue();
        assertThat(p.allows("echo2")).isFalse();
        assertThat(p.allows("xget-sum")).isFalse();
    }

    @Test
    void allows_regexCharacters_areLiteral() {
        assertThat(ToolPatterns.of(List.of("a.b")).allows("axb")).isFalse();
        assertThat(ToolPatterns.of(List.of("a.b")).allows("a.b")).isTrue();
    }

    @Test
    void violation_badCharactersOrTooMany_areRefused() {
        assertThat(ToolPatterns.violation(List.of("ok", "bad name"))).isPresent();
        assertThat(ToolPatterns.violation(List.of("(a+)+"))).isPresent();
        assertThat(ToolPatterns.violation(Collections.nCopies(101, "a"))).isPresent();
        assertThat(ToolPatterns.violation(List.of("get-*", "echo"))).isEmpty();
    }
}
