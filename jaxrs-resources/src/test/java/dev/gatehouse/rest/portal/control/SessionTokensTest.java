package dev.gatehouse.rest.portal.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokensTest {

    @Test
    void hash_knownAnswer_isLowercaseHexSha256() {
        assertThat(SessionTokens.hash("gh_ps_abc")).isEqualTo("e8279818181b4d2fcb1b235d55f7fb09a9162ba93f664b6d7bd38897c0373c62");
    }

    @Test
    void csrfToken_knownAnswer_isALabelledHashOfTheSessionToken() {
        assertThat(SessionTokens.csrfToken("gh_ps_abc")).isEqualTo("9rz6o00EC0KcOMuoeEu2Tb4utwz0oEoWCMw8Bbk19JI");
    }

    @Test
    void csrfMatches_otherSessionsTokenOrNothing_isRefused() {
        String mine = SessionTokens.csrfToken("gh_ps_abc");
        assertThat(SessionTokens.csrfMatches("gh_ps_abc", mine)).isTrue();
        assertThat(SessionTokens.csrfMatches("gh_ps_abd", mine)).isFalse();
        assertThat(SessionTokens.csrfMatches("gh_ps_abc", null)).isFalse();
        assertThat(SessionTokens.csrfMatches("gh_ps_abc", "")).isFalse();
    }

    @Test
    void newTokens_areWellFormedAndDifferent() {
        SecureRandom random = new SecureRandom();
        String a = SessionTokens.newSessionToken(random);
        String b = SessionTokens.newSessionToken(random);
        assertThat(a).isNotEqualTo(b).startsWith("gh_ps_").hasSize(6 + 43);
        assertThat(SessionTokens.isWellFormed(a, SessionTokens.SESSION_PREFIX)).isTrue();
        assertThat(SessionTokens.isWellFormed(SessionTokens.newLinkToken(random), SessionTokens.LINK_PREFIX)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gh_ps_", "gh_pl_abc", "gh_ps_a b", "gh_ps_abc=", "gh_ps_ä"})
    void isWellFormed_malformed_isFalse(String token) {
        assertThat(SessionTokens.isWellFormed(token, SessionTokens.SESSION_PREFIX)).isFalse();
    }

    @Test
    void isWellFormed_tooLong_isFalse() {
        assertThat(SessionTokens.isWellFormed("gh_ps_" + "a".repeat(200), SessionTokens.SESSION_PREFIX)).isFalse();
    }
}
