package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordsTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    private static final String SECRET = "sk_live_0123456789ABCDEFGHIJKLMN1aOiQt";

    private static ApiKey key(Instant expiresAt, Instant revokedAt) {
        return new ApiKey(1, 1L, null, KeyType.WORKSPACE, "k", "sk_live_0123", ApiKeys.sha256Hex(SECRET),
            ScopeSet.of("read"), null, expiresAt, revokedAt, null, NOW, null, null);
    }

    @ParameterizedTest(name = "expires {0}s, revoked {1} -> {2}")
    @CsvSource({
          ",     false, ACTIVE",
          "1,    false, ACTIVE",
          "0,    false, EXPIRED",
          "-1,   false, EXPIRED",
          ",     true,  REVOKED",
          "-1,   true,  REVOKED",
          "100,  true,  REVOKED",
    })
    void statusAt_expiryAndRevocation_matchTable(Long expiresInSeconds, boolean revoked, ApiKey.Status expected) {
        ApiKey key = key(expiresInSeconds == null ? null : NOW.plusSeconds(expiresInSeconds), revoked ? NOW : null);

        assertThat(key.statusAt(NOW)).isEqualTo(expected);
        assertThat(key.isRevoked()).isEqualTo(revoked);
    }

    @Test
    void isExpiredAt_exactlyAtExpiry_isExpired() {
        assertThat(key(NOW, null).isExpiredAt(NOW)).isTrue();
        assertThat(key(NOW, null).isExpiredAt(NOW.minusNanos(1))).isFalse();
    }

    @Test
    void apiKey_workspaceKeyWithoutWorkspace_isRejected() {
        assertThatThrownBy(() -> new ApiKey(0, null, null, KeyType.WORKSPACE, "k", "p", "h", ScopeSet.empty(), null,
            null, null, null, NOW, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WORKSPACE");
    }

    @Test
    void issuedKey_toString_redactsSecret() {
        IssuedKey issued = new IssuedKey(key(null, null), SECRET);

        assertThat(issued.toString()).doesNotContain(SECRET).doesNotContain(SECRET.substring(12)).contains("<redacted>");
    }

    @Test
    void bootstrap_toString_redactsKeyAndCode() {
        User user = new User(1, 1, "ext-1", "a@example.com", false, null, 1, NOW, NOW);
        Bootstrap bootstrap = new Bootstrap(user, new IssuedKey(key(null, null), SECRET), "482913");

        assertThat(bootstrap.toString()).doesNotContain(SECRET).doesNotContain("482913").contains("ext-1");
    }

    @Test
    void rotation_toString_redactsReplacementSecret() {
        Rotation rotation = new Rotation(new IssuedKey(key(null, null), SECRET), key(NOW, null), NOW);

        assertThat(rotation.toString()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @CsvSource({"VALID, true", "REVOKED, true", "EXPIRED, true", "MALFORMED, false", "NOT_FOUND, false"})
    void verification_keyPresentExactlyWhenFound(Verification.Code code, boolean found) {
        ApiKey key = key(null, null);

        if (found) {
            assertThat(new Verification(code, key).key()).isSameAs(key);
            assertThatThrownBy(() -> new Verification(code, null)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(new Verification(code, null).key()).isNull();
            assertThatThrownBy(() -> new Verification(code, key)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void verification_valid_onlyForValidCode() {
        assertThat(new Verification(Verification.Code.VALID, key(null, null)).valid()).isTrue();
        assertThat(new Verification(Verification.Code.EXPIRED, key(null, null)).valid()).isFalse();
    }

    @Test
    void keyPatch_nullComponents_meanUnchanged() {
        KeyPatch patch = new KeyPatch(null, null, null);

        assertThat(patch).isEqualTo(KeyPatch.none());
        assertThat(patch.name()).isEmpty();
    }

    @Test
    void keyRequest_scopes_areCopied() {
        List<String> scopes = new ArrayList<>(List.of("read"));
        KeyRequest request = new KeyRequest(1L, null, KeyType.WORKSPACE, "k", scopes, null, null);

        scopes.add("write");

        assertThat(request.scopes()).containsExactly("read");
    }

    @Test
    void workspacePatch_nullComponents_meanUnchanged() {
        assertThat(new WorkspacePatch(null, Optional.of("s"), null, null, null).name()).isEmpty();
    }

    @Test
    void auditEvent_details_areCopied() {
        Map<String, String> details = new java.util.HashMap<>(Map.of("a", "1"));
        AuditEvent event = new AuditEvent("api_key.created", 1L, null, 2L, null, null, NOW, details);

        details.put("b", "2");

        assertThat(event.details()).containsOnlyKeys("a");
    }

    @Test
    void validationException_errors_keepFieldOrderAndAreUnmodifiable() {
        Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
        errors.put("name", List.of("is required"));
        errors.put("scopes", List.of("contains unknown scopes: x:y"));
        ValidationException e = new ValidationException(errors);

        assertThat(e.errors().keySet()).containsExactly("name", "scopes");
        assertThat(e.getMessage()).contains("name is required").contains("scopes contains unknown scopes: x:y");
        assertThatThrownBy(() -> e.errors().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void exceptions_allExtendApiKeyException() {
        List<RuntimeException> all = List.of(new MalformedKeyException("m"), new KeyNotFoundException(1), new ScopeEscalationException(List.of("x:y")),
            new KeyLimitReachedException(10), new UserNotFoundException(1), new QuotaExceededException(50, NOW),
            new InvalidVerificationCodeException(), new WorkspaceNotFoundException(1));

        assertThat(all).allSatisfy(e -> assertThat(e).isInstanceOf(ApiKeyException.class));
    }
}
