package dev.gatehouse.rest.idempotency.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    @Test
    void canonicalBody_keyOrderAndWhitespace_doNotMatter() {
        assertThat(canonical("{ \"b\": [1, {\"y\": 2, \"x\": \"é\"}],\n \"a\": null }"))
                .isEqualTo(canonical("{\"a\":null,\"b\":[1,{\"x\":\"é\",\"y\":2}]}"))
                .isEqualTo("{\"a\":null,\"b\":[1,{\"x\":\"é\",\"y\":2}]}");
    }

    @Test
    void canonicalBody_differentValues_differ() {
        assertThat(canonical("{\"a\": 1}")).isNotEqualTo(canonical("{\"a\": \"1\"}"));
        assertThat(canonical("{\"a\": [1, 2]}")).isNotEqualTo(canonical("{\"a\": [2, 1]}"));
    }

    @Test
    void canonicalBody_notJson_isKeptAsSent() {
        assertThat(canonical("not json {")).isEqualTo("not json {");
        assertThat(Idempotency.canonicalBody(new byte[0])).isEmpty();
    }

    private static String canonical(String body) {
        return new String(Idempotency.canonicalBody(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
