package dev.zena.realtime.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the console asks before the admin token goes out in clear text, and how long the answer holds. */
class PlainHttpConsentTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"https://zena.example:8443", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:8080"})
    void httpsAndThisMachineNeverAsk(String server) {
        PlainHttpConsent consent = new PlainHttpConsent();
        assertThat(consent.questionFor(URI.create(server))).isEmpty();
    }

    @Test
    void plainHttpToAnotherHostAsksUntilTheUserSaysContinue() {
        PlainHttpConsent consent = new PlainHttpConsent();
        URI server = URI.create("http://zena.internal:8080");
        assertThat(consent.questionFor(server))
                .contains("The admin token would be sent unencrypted to zena.internal. Continue?");
        assertThat(consent.isGranted(server)).isFalse();
        // Cancel is not remembered: the next attempt asks again
        assertThat(consent.questionFor(server)).isPresent();

        consent.grant(server);
        assertThat(consent.isGranted(server)).isTrue();
        assertThat(consent.questionFor(server)).isEmpty();
        assertThat(consent.questionFor(URI.create("http://ZENA.internal:8080"))).isEmpty();
        assertThat(consent.questionFor(URI.create("http://zena.internal:8081"))).isPresent();
        assertThat(consent.questionFor(URI.create("http://10.0.0.7:8080"))).isPresent();
    }

    @Test
    void theDefaultPortIsTheSameServerAndTheAnswerLastsOneSessionOnly() {
        PlainHttpConsent session = new PlainHttpConsent();
        session.grant(URI.create("http://zena.internal"));
        assertThat(session.questionFor(URI.create("http://zena.internal:80"))).isEmpty();
        assertThat(new PlainHttpConsent().questionFor(URI.create("http://zena.internal")))
                .isPresent();
    }
}
