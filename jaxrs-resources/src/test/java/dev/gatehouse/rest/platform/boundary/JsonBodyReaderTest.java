package dev.gatehouse.rest.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyReaderTest {

    private static JsonBody read(String json) {
        return JsonBodyReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException refusal(String json) {
        try {
            read(json);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void read_oneObject_isAccepted() {
        assertThat(read(" {\"name\": \"a\", \"tags\": [1, {\"b\": null}]}\n").string("name")).contains("a");
    }

    @Test
    void read_blankBody_isAnEmptyObject() {
        assertThat(read(" \n ").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\"} xyz", "{\"name\":\"a\"}{\"name\":\"b\"}", "{\"a\":1} 2", "[1]", "\"a\"", "{\"a\":"})
    void read_anythingButExactlyOneObject_isInvalidJson(String body) {
        ApiException e = refusal(body);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("invalid_json");
    }

    @Test
    void read_nestingPastTheLimit_isInvalidJson_beforeTheParserRuns() {
        String deep = "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        ApiException e = refusal(deep);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("nested deeper than " + JsonBodyReader.MAX_DEPTH);
    }

    @Test
    void read_nestingAtTheLimit_isAccepted() {
        String atLimit = "{\"a\":" + "[".repeat(JsonBodyReader.MAX_DEPTH - 1) + "]".repeat(JsonBodyReader.MAX_DEPTH - 1) + "}";
        assertThat(read(atLimit).has("a")).isTrue();
    }

    @Test
    void depth_bracketsInsideStrings_doNotCount() {
        String body = "{\"a\":\"" + "[{\\\"".repeat(200) + "\"}";
        assertThat(JsonBodyReader.depth(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
    }

    @Test
    void read_nulInAValue_isA422NamingTheField() {
        ApiException e = refusal("{\"name\":\"a\\u0000b\",\"meta\":{\"list\":[\"ok\",\"x\\u0000\"]}}");
        assertThat(e.status()).isEqualTo(422);
        @SuppressWarnings("unchecked")
        Map<String, ?> errors = (Map<String, ?>) e.fields().get("errors");
        assertThat(errors).containsOnlyKeys("name", "meta.list[1]");
    }

    @Test
    void read_nulInAFieldName_isA422() {
        ApiException e = refusal("{\"na\\u0000me\":\"a\"}");
        assertThat(e.status()).isEqualTo(422);
    }

    @Test
    void read_otherControlCharactersEscaped_areLeftToTheFieldRules() {
        assertThat(read("{\"name\":\"a\\u0001b\"}").string("name")).contains("a\u0001b");
    }

    @Test
    void read_aHugeNumber_isAcceptedHere_andRefusedByTheTypedAccessor() {
        JsonBody body = read("{\"n\": 1" + "0".repeat(400) + "}");
        assertThat(body.integer("n")).isEmpty();
        assertThatThrownBy(body::validate).isInstanceOf(ApiException.class);
    }
}
