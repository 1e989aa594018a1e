package dev.zena.realtime.auth;

import static dev.zena.realtime.auth.TokenValidatorTest.ABSENT;
import static dev.zena.realtime.auth.TokenValidatorTest.ANN;
import static dev.zena.realtime.auth.TokenValidatorTest.AUD;
import static dev.zena.realtime.auth.TokenValidatorTest.CLOCK;
import static dev.zena.realtime.auth.TokenValidatorTest.ISS;
import static dev.zena.realtime.auth.TokenValidatorTest.SECRET;
import static dev.zena.realtime.auth.TokenValidatorTest.T;
import static dev.zena.realtime.auth.TokenValidatorTest.hs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.protocol.AccessRevocation;
import dev.zena.realtime.store.User;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one rule for a token already accepted ({@link TokenValidator#failureOf}), which live revocation and the admin
 * feed's re-check apply after every store change: each way a token stops holding for its user, the same failure
 * {@link TokenValidator#validate} gives at the handshake once the store says so, and the 4003 reason it closes with.
 */
class TokenRecheckTest {

    /** Ann's token, accepted while the store held Ann as in {@link TokenValidatorTest}. */
    static final String TOKEN = hs("jti", "ann-jti", "iat", T - 10);

    static Stream<Arguments> lost() {
        Instant iat = Instant.ofEpochSecond(T - 10);
        return Stream.of(
                arguments("user deleted", null, Set.of(), AuthFailure.UNKNOWN_USER, "user_disabled"),
                arguments(
                        "user moved to another tenant",
                        with(ANN, "globex", true, null),
                        Set.of(),
                        AuthFailure.TENANT_MISMATCH,
                        "user_disabled"),
                arguments(
                        "user disabled",
                        with(ANN, "acme", false, null),
                        Set.of(),
                        AuthFailure.USER_DISABLED,
                        "user_disabled"),
                arguments("jti revoked (revoke --jti)", ANN, Set.of("ann-jti"), AuthFailure.REVOKED, "token_revoked"),
                arguments(
                        "tokens_valid_after moved past iat (revoke --user)",
                        with(ANN, "acme", true, iat.plusSeconds(1)),
                        Set.of(),
                        AuthFailure.ISSUED_BEFORE_VALID_AFTER,
                        "token_revoked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void lost(String name, User current, Set<String> revoked, AuthFailure failure, String reason) throws Exception {
        Principal accepted = validator(new FakeAccounts(Set.of(), ANN)).validate(TOKEN);
        FakeAccounts now = current == null ? new FakeAccounts(revoked) : new FakeAccounts(revoked, current);
        TokenValidator validator = validator(now);

        assertThat(validator.failureOf(accepted, current))
                .as("the live re-check")
                .contains(failure);
        assertThat(catchThrowableOfType(() -> validator.validate(TOKEN), AuthException.class)
                        .reason())
                .as("the same token presented again")
                .isEqualTo(failure);
        assertThat(failure.revocation().reason()).isEqualTo(reason);
    }

    @Test
    void stillHoldsWhenNothingItReadsChanged() throws Exception {
        Principal accepted = validator(new FakeAccounts(Set.of(), ANN)).validate(TOKEN);
        User renamed = new User("u1", "acme", "Ann B.", "annb@acme.test", ANN.role(), true, null);
        // tokens_valid_after later within iat's second: whole seconds, so the token still holds.
        User sameSecond = with(ANN, "acme", true, Instant.ofEpochSecond(T - 10).plusMillis(900));

        assertThat(validator(new FakeAccounts(Set.of("other-jti"), renamed)).failureOf(accepted, renamed))
                .isEmpty();
        assertThat(validator(new FakeAccounts(Set.of(), sameSecond)).failureOf(accepted, sameSecond))
                .isEmpty();
    }

    @Test
    void aTokenWithoutIatStopsHoldingOnceTokensValidAfterIsSet() throws Exception {
        Principal accepted = validator(new FakeAccounts(Set.of(), ANN)).validate(hs("iat", ABSENT));
        User revoked = with(ANN, "acme", true, Instant.ofEpochSecond(T - 3600));

        assertThat(validator(new FakeAccounts(Set.of(), revoked)).failureOf(accepted, revoked))
                .contains(AuthFailure.ISSUED_BEFORE_VALID_AFTER);
    }

    @Test
    void expIsNotPartOfTheRuleTheHandshakeAndTheTickerCheckItEachWithTheirOwnLeeway() throws Exception {
        Principal accepted = validator(new FakeAccounts(Set.of(), ANN)).validate(TOKEN);
        Principal expired = new Principal(
                accepted.userId(),
                accepted.tenantId(),
                accepted.userName(),
                accepted.role(),
                Instant.ofEpochSecond(T - 3600),
                accepted.jti(),
                accepted.issuedAt());

        assertThat(validator(new FakeAccounts(Set.of(), ANN)).failureOf(expired, ANN))
                .isEmpty();
    }

    /** Every failure has its 4003 reason, from the one mapping. */
    @ParameterizedTest
    @EnumSource(AuthFailure.class)
    void everyFailureMapsToAReasonOfSpecSection3(AuthFailure failure) {
        Map<AuthFailure, AccessRevocation> expected = new EnumMap<>(AuthFailure.class);
        expected.put(AuthFailure.EXPIRED, AccessRevocation.TOKEN_EXPIRED);
        expected.put(AuthFailure.UNKNOWN_USER, AccessRevocation.USER_DISABLED);
        expected.put(AuthFailure.TENANT_MISMATCH, AccessRevocation.USER_DISABLED);
        expected.put(AuthFailure.USER_DISABLED, AccessRevocation.USER_DISABLED);

        assertThat(failure.revocation()).isEqualTo(expected.getOrDefault(failure, AccessRevocation.TOKEN_REVOKED));
    }

    private static TokenValidator validator(FakeAccounts accounts) {
        return new TokenValidator(
                new JwtConfig("HS256", SECRET, null, null, ISS, AUD, Duration.ofSeconds(5)), accounts, CLOCK);
    }

    private static User with(User user, String tenantId, boolean isActive, Instant tokensValidAfter) {
        return new User(user.id(), tenantId, user.name(), user.email(), user.role(), isActive, tokensValidAfter);
    }
}
