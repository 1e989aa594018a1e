package dev.zena.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.testing.RawUpgrade;
import dev.zena.realtime.testing.TestServer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6455 §4.2.1/§4.4 on every WebSocket endpoint, over a raw socket: a {@code Sec-WebSocket-Key} that is not
 * the base64 of 16 bytes is refused with 400, a {@code Sec-WebSocket-Version} other than 13 with 426 naming 13;
 * both with the SPEC §6 error body. The feed's caller is an admin, so that nothing but the headers is wrong.
 */
@Timeout(60)
class UpgradeHeadersTest {

    private static final String WS = "/ws";
    private static final String FEED = "/api/v1/admin/feed";

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badKeys() {
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> keys = Map.of(
                "empty",
                "",
                "not base64",
                "!!not*base64*at*all!!==",
                "15 bytes",
                base64.encodeToString(new byte[15]),
                "17 bytes",
                base64.encodeToString(new byte[17]));
        return Stream.of(WS, FEED)
                .flatMap(path -> keys.entrySet().stream().map(key -> Arguments.of(path, key.getKey(), key.getValue())));
    }

    @ParameterizedTest(name = "{0}: {1} key")
    @MethodSource("badKeys")
    void aKeyThatIsNotTheBase64OfSixteenBytesIsRefusedWith400(String path, String what, String key) {
        RawUpgrade.Answer answer = RawUpgrade.send(server.port(), path, key, "13", asAdmin());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
        assertThat(answer.body())
                .contains("\"code\":\"INVALID_MESSAGE\"")
                .contains("\"status\":400")
                .contains("\"field\":\"Sec-WebSocket-Key\"");
    }

    @ParameterizedTest(name = "{0}: missing key")
    @MethodSource("paths")
    void aMissingKeyIsRefusedWith400(String path) {
        RawUpgrade.Answer answer = RawUpgrade.send(server.port(), path, null, "13", asAdmin());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":\"INVALID_MESSAGE\"").contains("\"status\":400");
    }

    static Stream<Arguments> badVersions() {
        return Stream.of(WS, FEED).flatMap(path -> Stream.of(Arguments.of(path, "8"), Arguments.of(path, null)));
    }

    @ParameterizedTest(name = "{0}: version {1}")
    @MethodSource("badVersions")
    void aVersionOtherThan13IsRefusedWith426NamingVersion13(String path, String version) {
        RawUpgrade.Answer answer = RawUpgrade.send(server.port(), path, RawUpgrade.GOOD_KEY, version, asAdmin());

        assertThat(answer.status()).isEqualTo(426);
        assertThat(answer.head()).containsIgnoringCase("\r\nSec-WebSocket-Version: 13");
        assertThat(answer.head()).containsIgnoringCase("\r\nUpgrade: websocket");
        assertThat(answer.body())
                .contains("\"code\":\"UPGRADE_REQUIRED\"")
                .contains("\"status\":426")
                .contains("\"field\":\"Sec-WebSocket-Version\"");
    }

    static Stream<String> paths() {
        return Stream.of(WS, FEED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aGoodKeyAndVersion13StillUpgrade(String path) {
        RawUpgrade.Answer answer = RawUpgrade.send(server.port(), path, RawUpgrade.GOOD_KEY, "13", asAdmin());

        assertThat(answer.status()).isEqualTo(101);
        // RFC 6455 §1.3: the accept value of this key.
        assertThat(answer.head()).containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void aPlainGetOfTheEndpointIsNotCheckedAsAnUpgrade() {
        assertThat(server.get(WS, null).statusCode()).isEqualTo(404);
    }

    private static Map<String, String> asAdmin() {
        return Map.of("Authorization", "Bearer " + server.token("acme-admin"));
    }
}
