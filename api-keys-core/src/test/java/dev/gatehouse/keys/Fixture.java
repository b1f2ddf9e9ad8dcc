package dev.gatehouse.keys;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

/** The objects most facade tests share: a mutable clock, a counting store and a recording sink. */
final class Fixture {

    static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    static final long WORKSPACE = 1L;
    static final long OTHER_WORKSPACE = 2L;
    /** The tiers the facades under test are built with, as a host passes its plan catalog's. */
    static final List<String> TIERS = List.of("free", "starter", "pro", "business", "agency", "enterprise");

    final MutableClock clock = new MutableClock(T0);
    final CountingApiKeyStore store = new CountingApiKeyStore();
    final RecordingAuditSink audit = new RecordingAuditSink();
    final ApiKeys keys;
    final ApiKey root;

    Fixture() {
        this(ApiKeys.builder());
    }

    Fixture(ApiKeys.Builder builder) {
        this.keys = builder.tiers(TIERS).store(store).audit(audit).clock(clock).random(new SecureRandom()).build();
        this.root = keys.issueRoot(null, Actor.system()).key();
        audit.clear();
    }

    IssuedKey workspaceKey(String... scopes) {
        return keys.issue(request(scopes), root, new Actor(root.id(), "req_1"));
    }

    static KeyRequest request(String... scopes) {
        return new KeyRequest(WORKSPACE, null, KeyType.WORKSPACE, "Production API Key",
            scopes.length == 0 ? null : List.of(scopes), null, null);
    }
}
