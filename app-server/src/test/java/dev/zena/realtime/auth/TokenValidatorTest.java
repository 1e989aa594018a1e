package dev.zena.realtime.auth;

import static dev.zena.realtime.auth.TestTokens.b64;
import static dev.zena.realtime.auth.TestTokens.header;
import static dev.zena.realtime.auth.TestTokens.hs256;
import static dev.zena.realtime.auth.TestTokens.json;
import static dev.zena.realtime.auth.TestTokens.rs256;
import static dev.zena.realtime.auth.TestTokens.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.zena.realtime.config.JwtConfig;
import dev.zena.realtime.store.Role;
import dev.zena.realtime.store.User;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenValidatorTest {

    /** Far from the machine's real time, so that a validator reading the system clock fails these tests. */
    static final Instant NOW = Instant.parse("2020-06-15T08:00:00.700Z");

    static final long T = NOW.getEpochSecond();
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET = "0123456789abcdef0123456789abcdef-hs256-test";
    static final String ISS = "zena-backend";
    static final String AUD = "zena-realtime";
    static final KeyPair RSA = TestTokens.rsaKeyPair();
    static final KeyPair OTHER_RSA = TestTokens.rsaKeyPair();
    static final Object ABSENT = new Object();

    static final User ANN = new User("u1", "acme", "Ann", "ann@acme.test", Role.MEMBER, true, null);
    static final User BOB = new User("u2", "acme", "Bob", "bob@acme.test", Role.ADMIN, false, null);
    /** Revoked at 07:59:00.600, so tokens need iat ≥ 07:59:00 (whole seconds). */
    static final User CAT = new User(
            "u3", "acme", "Cat", "cat@acme.test", Role.CLIENT, true, Instant.parse("2020-06-15T07:59:00.600Z"));

    static final User NUM = new User("42", "7", "Num", "num@seven.test", Role.PROJECT_MANAGER, true, null);
    static final FakeAccounts ACCOUNTS = new FakeAccounts(Set.of("revoked-jti"), ANN, BOB, CAT, NUM);

    static final TokenValidator HS = new TokenValidator(
            new JwtConfig("HS256", SECRET, null, null, ISS, AUD, Duration.ofSeconds(5)), ACCOUNTS, CLOCK);
    static final TokenValidator RS = new TokenValidator(
            new JwtConfig("RS256", null, TestTokens.publicPem(RSA), null, ISS, AUD, Duration.ofSeconds(5)),
            ACCOUNTS,
            CLOCK);

    /** A valid claim set for Ann, with overrides; {@link #ABSENT} removes a claim. */
    static Map<String, Object> claims(Object... overrides) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "u1");
        claims.put("tenant_id", "acme");
        claims.put("iat", T - 10);
        claims.put("exp", T + 600);
        claims.put("jti", "01JABCDEFGHJKMNPQRSTVWXYZ0");
        claims.put("iss", ISS);
        claims.put("aud", AUD);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == ABSENT) {
                claims.remove((String) overrides[i]);
            } else {
                claims.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return claims;
    }

    static String hs(Object... overrides) {
        return hs256(SECRET, claims(overrides));
    }

    @Test
    void acceptsAnHs256TokenAndDescribesItsUserFromTheStore() throws AuthException {
        Principal principal = HS.validate(hs());

        assertThat(principal)
                .isEqualTo(new Principal(
                        "u1",
                        "acme",
                        "Ann",
                        Role.MEMBER,
                        Instant.ofEpochSecond(T + 600),
                        "01JABCDEFGHJKMNPQRSTVWXYZ0",
                        Instant.ofEpochSecond(T - 10)));
    }

    @Test
    void acceptsAnRs256TokenSignedWithThePrivateKeyOfTheConfiguredPublicKey() throws AuthException {
        Principal principal = RS.validate(rs256(RSA.getPrivate(), claims()));

        assertThat(principal.userId()).isEqualTo("u1");
        assertThat(principal.tenantId()).isEqualTo("acme");
        assertThat(principal.expiresAt()).isEqualTo(Instant.ofEpochSecond(T + 600));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("numeric sub and tenant_id", hs("sub", 42, "tenant_id", 7), "42"),
                arguments("integral float sub", hs("sub", 42.0, "tenant_id", "7"), "42"),
                arguments("exp passed but within the leeway", hs("exp", T - 3), "u1"),
                arguments("nbf ahead but within the leeway", hs("nbf", T + 3), "u1"),
                arguments("nbf in the past", hs("nbf", T - 60), "u1"),
                arguments("iat equal to tokens_valid_after in whole seconds", hs("sub", "u3", "iat", T - 60), "u3"),
                arguments("iat after tokens_valid_after", hs("sub", "u3", "iat", T - 30), "u3"),
                arguments("aud as an array holding the configured audience", hs("aud", List.of("other", AUD)), "u1"),
                arguments("no jti", hs("jti", ABSENT), "u1"),
                arguments("no iat (no tokens_valid_after)", hs("iat", ABSENT), "u1"),
                arguments("iat in the future (SPEC bounds only exp/nbf)", hs("iat", T + 3600), "u1"),
                arguments("unknown extra claims", hs("role", "super_admin", "scope", List.of("x")), "u1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String name, String token, String userId) throws AuthException {
        assertThat(HS.validate(token).userId()).isEqualTo(userId);
    }

    static Stream<Arguments> refused() {
        byte[] publicPemBytes = TestTokens.publicPem(RSA).getBytes(StandardCharsets.UTF_8);
        String valid = hs();
        String[] parts = valid.split("\\.");
        String otherPayload = b64(json(claims("sub", "u3")));
        return Stream.of(
                arguments("alg none", HS, unsigned("none", claims()), AuthFailure.WRONG_ALGORITHM),
                arguments("alg none (RS256 configured)", RS, unsigned("none", claims()), AuthFailure.WRONG_ALGORITHM),
                arguments("alg NONE", HS, unsigned("NONE", claims()), AuthFailure.WRONG_ALGORITHM),
                arguments(
                        "alg none with the valid signature kept",
                        HS,
                        b64(header("none")) + "." + parts[1] + "." + parts[2],
                        AuthFailure.WRONG_ALGORITHM),
                arguments(
                        "alg hs256 in lower case",
                        HS,
                        hs256(SECRET.getBytes(StandardCharsets.UTF_8), header("hs256"), json(claims())),
                        AuthFailure.WRONG_ALGORITHM),
                arguments(
                        "no alg in the header",
                        HS,
                        hs256(SECRET.getBytes(StandardCharsets.UTF_8), "{\"typ\":\"JWT\"}", json(claims())),
                        AuthFailure.WRONG_ALGORITHM),
                arguments(
                        "HS256 keyed with the RS256 public key PEM",
                        RS,
                        hs256(publicPemBytes, header("HS256"), json(claims())),
                        AuthFailure.WRONG_ALGORITHM),
                arguments(
                        "RS256 token when HS256 is configured",
                        HS,
                        rs256(RSA.getPrivate(), claims()),
                        AuthFailure.WRONG_ALGORITHM),
                arguments(
                        "wrong secret",
                        HS,
                        hs256("another-secret-of-at-least-32-bytes!!", claims()),
                        AuthFailure.BAD_SIGNATURE),
                arguments(
                        "RS256 signed by another key",
                        RS,
                        rs256(OTHER_RSA.getPrivate(), claims()),
                        AuthFailure.BAD_SIGNATURE),
                arguments(
                        "payload swapped under a valid signature",
                        HS,
                        parts[0] + "." + otherPayload + "." + parts[2],
                        AuthFailure.BAD_SIGNATURE),
                arguments("signature stripped", HS, parts[0] + "." + parts[1] + ".", AuthFailure.BAD_SIGNATURE),
                arguments("expired", HS, hs("exp", T - 60), AuthFailure.EXPIRED),
                arguments("expired just beyond the leeway", HS, hs("exp", T - 6), AuthFailure.EXPIRED),
                arguments("nbf in the future", HS, hs("nbf", T + 60), AuthFailure.NOT_YET_VALID),
                arguments("wrong iss", HS, hs("iss", "someone-else"), AuthFailure.WRONG_ISSUER),
                arguments("missing iss", HS, hs("iss", ABSENT), AuthFailure.WRONG_ISSUER),
                arguments("wrong aud", HS, hs("aud", "other"), AuthFailure.WRONG_AUDIENCE),
                arguments("aud array without ours", HS, hs("aud", List.of("a", "b")), AuthFailure.WRONG_AUDIENCE),
                arguments("missing aud", HS, hs("aud", ABSENT), AuthFailure.WRONG_AUDIENCE),
                arguments("missing exp", HS, hs("exp", ABSENT), AuthFailure.MISSING_CLAIM),
                arguments("null exp", HS, hs("exp", null), AuthFailure.MISSING_CLAIM),
                arguments("missing sub", HS, hs("sub", ABSENT), AuthFailure.MISSING_CLAIM),
                arguments("missing tenant_id", HS, hs("tenant_id", ABSENT), AuthFailure.MISSING_CLAIM),
                arguments("exp as a string", HS, hs("exp", "tomorrow"), AuthFailure.MALFORMED),
                arguments("nbf as a string", HS, hs("nbf", "now"), AuthFailure.MALFORMED),
                arguments("iat as a string", HS, hs("iat", "now"), AuthFailure.MALFORMED),
                arguments("non-integral numeric sub", HS, hs("sub", 42.5, "tenant_id", 7), AuthFailure.MALFORMED),
                arguments("boolean sub", HS, hs("sub", true), AuthFailure.MALFORMED),
                arguments("object tenant_id", HS, hs("tenant_id", Map.of("id", "acme")), AuthFailure.MALFORMED),
                arguments("numeric jti", HS, hs("jti", 5), AuthFailure.MALFORMED),
                arguments(
                        "signed JSON-array payload",
                        HS,
                        hs256(SECRET.getBytes(StandardCharsets.UTF_8), header("HS256"), "[1,2,3]"),
                        AuthFailure.MALFORMED),
                arguments(
                        "signed non-JSON payload",
                        HS,
                        hs256(SECRET.getBytes(StandardCharsets.UTF_8), header("HS256"), "hello"),
                        AuthFailure.MALFORMED),
                arguments("tenant claim of another tenant", HS, hs("tenant_id", "globex"), AuthFailure.TENANT_MISMATCH),
                arguments("unknown user", HS, hs("sub", "ghost"), AuthFailure.UNKNOWN_USER),
                arguments("sub that is not an id", HS, hs("sub", "u1' OR 1=1 --"), AuthFailure.UNKNOWN_USER),
                arguments("disabled user", HS, hs("sub", "u2"), AuthFailure.USER_DISABLED),
                arguments("revoked jti", HS, hs("jti", "revoked-jti"), AuthFailure.REVOKED),
                arguments(
                        "iat before tokens_valid_after",
                        HS,
                        hs("sub", "u3", "iat", T - 61),
                        AuthFailure.ISSUED_BEFORE_VALID_AFTER),
                arguments(
                        "missing iat when tokens_valid_after is set",
                        HS,
                        hs("sub", "u3", "iat", ABSENT),
                        AuthFailure.ISSUED_BEFORE_VALID_AFTER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String name, TokenValidator validator, String token, AuthFailure reason) {
        assertThat(refusal(validator, token).reason()).isEqualTo(reason);
    }

    static Stream<Arguments> garbage() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        return Stream.of(
                arguments("null", null),
                arguments("empty", ""),
                arguments("blank", "   "),
                arguments("10 KB", "a".repeat(10 * 1024)),
                arguments("10 KB of dotted segments", ("abcd.").repeat(2048)),
                arguments("binary bytes", new String(binary, StandardCharsets.ISO_8859_1)),
                arguments("SQL", "' OR 1=1 --"),
                arguments("script", "<script>alert(1)</script>"),
                arguments("a.b.c", "a.b.c"),
                arguments("three dots", "..."),
                arguments("two dots", ".."),
                arguments("one segment", "eyJhbGciOiJIUzI1NiJ9"),
                arguments("four segments", hs() + ".x"),
                arguments("Bearer prefix left on", "Bearer " + hs()),
                arguments("trailing newline", hs() + "\n"),
                arguments("unicode", "ключ.токен.подпись"),
                arguments("JSON array header", b64("[]") + "." + b64("{}") + ".c2ln"),
                arguments("deeply nested header", b64("[".repeat(5000)) + "." + b64("{}") + ".c2ln"),
                arguments(
                        "deeply nested payload",
                        b64(header("HS256")) + "." + b64("{\"a\":" + "[".repeat(5000)) + ".c2ln"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void garbage(String name, String token) {
        assertThat(refusal(HS, token).reason()).isEqualTo(AuthFailure.MALFORMED);
    }

    @Test
    void everySingleCharacterChangeOfThePayloadIsRefused() {
        String[] parts = hs().split("\\.");
        for (int i = 0; i < parts[1].length(); i++) {
            char replacement = parts[1].charAt(i) == 'A' ? 'B' : 'A';
            String payload = parts[1].substring(0, i) + replacement + parts[1].substring(i + 1);
            assertThat(refusal(HS, parts[0] + "." + payload + "." + parts[2]).reason())
                    .as("payload character %d changed", i)
                    .isIn(AuthFailure.BAD_SIGNATURE, AuthFailure.MALFORMED);
        }
    }

    @Test
    void randomNoiseIsAlwaysAnAuthException() {
        Random random = new Random(20200615);
        String alphabet = "abcXYZ019-_.=+/ \"{}[]:,\u0000\u00e9";
        for (int n = 0; n < 2000; n++) {
            StringBuilder token = new StringBuilder();
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(refusal(HS, token.toString())).isNotNull();
        }
    }

    @Test
    void withoutIssuerOrAudienceConfiguredAnyValuesAreAccepted() throws AuthException {
        var validator =
                new TokenValidator(new JwtConfig("HS256", SECRET, null, null, null, null, null), ACCOUNTS, CLOCK);

        assertThat(validator.validate(hs("iss", "anyone", "aud", ABSENT)).userId())
                .isEqualTo("u1");
    }

    @Test
    void theLeewayComesFromTheConfiguration() throws AuthException {
        var strict = new TokenValidator(
                new JwtConfig("HS256", SECRET, null, null, ISS, AUD, Duration.ZERO), ACCOUNTS, CLOCK);
        var lenient = new TokenValidator(
                new JwtConfig("HS256", SECRET, null, null, ISS, AUD, Duration.ofSeconds(120)), ACCOUNTS, CLOCK);

        assertThat(refusal(strict, hs("exp", T - 1)).reason()).isEqualTo(AuthFailure.EXPIRED);
        assertThat(lenient.validate(hs("exp", T - 100)).userId()).isEqualTo("u1");
    }

    @Test
    void refusesToStartWithoutAVerificationKey() {
        assertThat(catchThrowable(() -> new TokenValidator(
                        new JwtConfig("HS256", "too-short", null, null, null, null, null), ACCOUNTS, CLOCK)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBSOCKET_JWT_SECRET");
        assertThat(catchThrowable(() -> new TokenValidator(
                        new JwtConfig("RS256", SECRET, null, null, null, null, null), ACCOUNTS, CLOCK)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WEBSOCKET_JWT_PUBLIC_KEY");
        assertThat(catchThrowable(() -> new TokenValidator(
                        new JwtConfig("ES256", SECRET, null, null, null, null, null), ACCOUNTS, CLOCK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HS256 or RS256");
    }

    /** Validates a token that must be refused; checks the refusal is the one public, uniform AuthException. */
    static AuthException refusal(TokenValidator validator, String token) {
        Throwable thrown = catchThrowable(() -> validator.validate(token));
        assertThat(thrown).isExactlyInstanceOf(AuthException.class);
        assertThat(thrown.getMessage())
                .isEqualTo("Authentication failed: invalid or expired token")
                .containsIgnoringCase("auth");
        assertThat(thrown.getCause()).isNull();
        assertThat(thrown.getStackTrace()).isEmpty();
        return (AuthException) thrown;
    }
}
