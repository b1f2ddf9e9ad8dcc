package dev.gatehouse.rest.entitlements.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one definition of a client's address, shared by the per-address limit and the pixel. */
class RateLimitsClientAddressTest {

    private static RateLimits trusting(boolean trust) {
        RateLimits limits = new RateLimits();
        limits.trustForwardedFor = trust;
        return limits;
    }

    @Test
    void byDefault_thePeerAddress_whateverTheHeaderSays() {
        assertThat(trusting(false).clientAddress("203.0.113.9", "10.0.0.2")).isEqualTo("10.0.0.2");
    }

    @Test
    void behindAProxy_theLastForwardedEntry_theOneTheProxyAdded() {
        assertThat(trusting(true).clientAddress("198.51.100.1, 203.0.113.9", "10.0.0.2")).isEqualTo("203.0.113.9");
    }

    @Test
    void behindAProxy_aBlankOrOverlongEntry_fallsBackToThePeer() {
        assertThat(trusting(true).clientAddress(" , ", "10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(trusting(true).clientAddress("x".repeat(65), "10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(trusting(true).clientAddress(null, null)).isNull();
    }
}
