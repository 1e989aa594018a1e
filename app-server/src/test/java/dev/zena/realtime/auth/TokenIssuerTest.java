package dev.zena.realtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.User;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenIssuerTest {

    static final Instant NOW = Instant.parse("2020-06-15T08:00:00.700Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET = "0123456789abcdef0123456789abcdef-issuer-test";
    static final KeyPair RSA = TestTokens.rsaKeyPair();
    /** Revoked in this very second, later than NOW's whole second: a token issued now must still be valid. */
    static final User ANN =
            new User("u1", "acme", "Ann", "ann@acme.test", Role.ADMIN, true, Instant.parse("2020-06-15T08:00:00.300Z"));

    static final FakeAccounts ACCOUNTS = new FakeAccounts(Set.of(), ANN);

    static Stream<JwtConfig> configs() {
        return Stream.of(
                new JwtConfig("HS256", SECRET, null, null, null, null, null),
                new JwtConfig("HS256", SECRET, null, null, "zena-backend", "zena-realtime", Duration.ofSeconds(5)),
                new JwtConfig(
                        "RS256",
                        null,
                        TestTokens.publicPem(RSA),
                        TestTokens.privatePem(RSA),
                        "zena-backend",
                        "zena-realtime",
                        Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void anIssuedTokenValidatesToTheSameUser(JwtConfig config) throws AuthException {
        String token = new TokenIssuer(config, CLOCK).issue(ANN, Duration.ofMinutes(15));

        Principal principal = new TokenValidator(config, ACCOUNTS, CLOCK).validate(token);

        Instant issuedAt = Instant.parse("2020-06-15T08:00:00Z");
        assertThat(principal)
                .usingRecursiveComparison()
                .ignoringFields("jti")
                .isEqualTo(new Principal(
                        "u1", "acme", "Ann", Role.ADMIN, issuedAt.plus(Duration.ofMinutes(15)), null, issuedAt));
        assertThat(principal.jti()).matches("[0-9A-HJKMNP-TV-Z]{26}");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void signsWithTheConfiguredAlgorithmAndClaims(JwtConfig config) {
        DecodedJWT jwt = JWT.decode(new TokenIssuer(config, CLOCK).issue(ANN, Duration.ofSeconds(90)));

        assertThat(jwt.getAlgorithm()).isEqualTo(config.algorithm());
        assertThat(jwt.getSubject()).isEqualTo("u1");
        assertThat(jwt.getClaim("tenant_id").asString()).isEqualTo("acme");
        assertThat(jwt.getIssuer()).isEqualTo(config.issuer());
        assertThat(jwt.getAudience()).isEqualTo(config.audience() == null ? null : List.of(config.audience()));
        assertThat(jwt.getExpiresAtAsInstant().getEpochSecond()
                        - jwt.getIssuedAtAsInstant().getEpochSecond())
                .isEqualTo(90);
    }

    @Test
    void everyTokenGetsItsOwnJti() {
        TokenIssuer issuer = new TokenIssuer(configs().findFirst().orElseThrow(), CLOCK);

        String first = JWT.decode(issuer.issue(ANN, Duration.ofMinutes(1))).getId();
        String second = JWT.decode(issuer.issue(ANN, Duration.ofMinutes(1))).getId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesToSignWithoutASigningKey() {
        var rsWithoutPrivate = new JwtConfig("RS256", null, TestTokens.publicPem(RSA), null, null, null, null);
        var hsTooShort = new JwtConfig("HS256", "short", null, null, null, null, null);

        assertThatThrownBy(() -> new TokenIssuer(rsWithoutPrivate, CLOCK).issue(ANN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBSOCKET_JWT_PRIVATE_KEY");
        assertThatThrownBy(() -> new TokenIssuer(hsTooShort, CLOCK).issue(ANN, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBSOCKET_JWT_SECRET");
    }

    @Test
    void refusesANonPositiveTtl() {
        TokenIssuer issuer = new TokenIssuer(configs().findFirst().orElseThrow(), CLOCK);

        assertThatThrownBy(() -> issuer.issue(ANN, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue(ANN, Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
