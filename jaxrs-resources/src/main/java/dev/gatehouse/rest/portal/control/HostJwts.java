package dev.gatehouse.rest.portal.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies JWTs that the deploying app signs for its own signed-in users (seed 000's JWT flow),
 * with Nimbus JOSE+JWT: HMAC (HS256/384/512) under {@code gatehouse.auth.jwt.hmac-secret}, or
 * RSA/EC/EdDSA keys from {@code gatehouse.auth.jwt.jwks-url}. Required claims: {@code sub} (the
 * end user), {@code workspace_id}, {@code exp}, the audience {@code gatehouse.auth.jwt.audience}
 * and, when configured, the issuer; scopes in {@code scope} (space-separated) or {@code scopes}
 * (array). Neither setting: JWTs are refused.
 */
@ApplicationScoped
public class HostJwts {

    /** The verified claims of a host-signed JWT. */
    public record HostClaims(long workspaceId, String user, List<String> scopes, Instant expiresAt) {
    }

    /** Why a JWT was refused; the message is safe to show (it never holds the token). */
    public static final class JwtRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean expired;

        JwtRefusedException(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    private static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_USER_LENGTH = 255;

    @Inject
    @ConfigProperty(name = "gatehouse.auth.jwt.hmac-secret")
    Optional<String> hmacSecret;

    @Inject
    @ConfigProperty(name = "gatehouse.auth.jwt.jwks-url")
    Optional<String> jwksUrl;

    @Inject
    @ConfigProperty(name = "gatehouse.auth.jwt.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "gatehouse.auth.jwt.audience", defaultValue = "gatehouse")
    String audience;

    @Inject
    Clock clock;

    private DefaultJWTProcessor<SecurityContext> processor;

    /** True for a value shaped like a compact JWS (three base64url parts, a JSON header). */
    public static boolean looksLikeJwt(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    @PostConstruct
    void configure() {
        String secret = hmacSecret.filter(s -> !s.isBlank()).orElse(null);
        String url = jwksUrl.filter(s -> !s.isBlank()).orElse(null);
        if (secret != null && url != null) {
            throw new IllegalStateException("Set gatehouse.auth.jwt.hmac-secret or gatehouse.auth.jwt.jwks-url, not both.");
        }
        if (secret == null && url == null) {
            return;
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        if (secret != null) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("gatehouse.auth.jwt.hmac-secret must be at least " + MIN_SECRET_BYTES
                        + " bytes (openssl rand -base64 32).");
            }
            JWKSource<SecurityContext> keys = new ImmutableSecret<>(bytes);
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384,
                    JWSAlgorithm.HS512), keys));
        } else {
            JWKSource<SecurityContext> keys;
            try {
                keys = JWKSourceBuilder.create(URI.create(url).toURL()).retrying(true).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalStateException("gatehouse.auth.jwt.jwks-url is not a URL: " + url, e);
            }
            Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
                    JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        }
        JWTClaimsSet exact = issuer.filter(s -> !s.isBlank())
                .map(iss -> new JWTClaimsSet.Builder().issuer(iss).build())
                .orElse(new JWTClaimsSet.Builder().build());
        Clock time = clock;
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, exact, Set.of("sub", "exp", "workspace_id")) {
            @Override
            protected Date currentTime() {
                return Date.from(time.instant());
            }
        });
        processor = p;
    }

    /** True when the deployment configured a secret or a key set. */
    public boolean enabled() {
        return processor != null;
    }

    /** Verifies signature and claims; throws {@link JwtRefusedException} with a reason otherwise. */
    public HostClaims verify(String token) {
        if (processor == null) {
            throw new JwtRefusedException("JWT sign-in is not enabled on this server (gatehouse.auth.jwt.*).", false);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw new JwtRefusedException("The JWT has expired.", true);
        } catch (BadJOSEException | JOSEException e) {
            throw new JwtRefusedException("The JWT was refused: " + e.getMessage(), false);
        } catch (ParseException e) {
            throw new JwtRefusedException("The JWT is malformed.", false);
        }
        return claims(claims);
    }

    private static HostClaims claims(JWTClaimsSet claims) {
        Object ws = claims.getClaim("workspace_id");
        long workspaceId;
        try {
            workspaceId = ws instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(ws));
        } catch (NumberFormatException e) {
            throw new JwtRefusedException("The JWT's workspace_id must be a workspace id.", false);
        }
        if (workspaceId <= 0) {
            throw new JwtRefusedException("The JWT's workspace_id must be a workspace id.", false);
        }
        String user = claims.getSubject();
        if (user == null || user.isBlank() || user.length() > MAX_USER_LENGTH) {
            throw new JwtRefusedException("The JWT's sub must name the user in 1 to 255 characters.", false);
        }
        List<String> scopes = new ArrayList<>();
        try {
            String scope = claims.getStringClaim("scope");
            if (scope != null) {
                scopes.addAll(List.of(scope.trim().split("\\s+")));
            }
            List<String> list = claims.getStringListClaim("scopes");
            if (list != null) {
                scopes.addAll(list);
            }
        } catch (ParseException e) {
            throw new JwtRefusedException("The JWT's scope must be a string and scopes a list of strings.", false);
        }
        scopes.removeIf(String::isBlank);
        return new HostClaims(workspaceId, user, List.copyOf(new java.util.LinkedHashSet<>(scopes)),
                claims.getExpirationTime().toInstant());
    }
}
