package dev.zena.realtime.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether the admin token may go to an address without asking. Decided from the text alone: no entry here needs a
 * name service, and names that only look like loopback are remote.
 */
class TokenTransportTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://zena.example:8443            | TLS
            https://10.0.0.7                     | TLS
            https://203.0.113.9:8443             | TLS
            http://localhost:8080                | LOOPBACK
            http://LOCALHOST                     | LOOPBACK
            http://127.0.0.1:8080                | LOOPBACK
            http://127.255.255.254               | LOOPBACK
            http://[::1]:8080                    | LOOPBACK
            http://[0:0:0:0:0:0:0:1]             | LOOPBACK
            http://user:pass@127.0.0.1:1         | LOOPBACK
            http://192.0.2.1:9                   | PLAIN_REMOTE
            http://10.0.0.7:8080                 | PLAIN_REMOTE
            http://zena.internal:8080            | PLAIN_REMOTE
            http://127.0.0.1.nip.io              | PLAIN_REMOTE
            http://localhost.evil.test           | PLAIN_REMOTE
            http://128.0.0.1                     | PLAIN_REMOTE
            http://0177.0.0.1                    | PLAIN_REMOTE
            http://0.0.0.0:8080                  | PLAIN_REMOTE
            http://[::2]                         | PLAIN_REMOTE
            http://[2001:db8::1]:8080            | PLAIN_REMOTE
            """)
    void decidesFromTheAddress(String address, TokenTransport expected) {
        TokenTransport transport = TokenTransport.of(URI.create(address));
        assertThat(transport).isEqualTo(expected);
        assertThat(transport.needsConsent()).isEqualTo(expected == TokenTransport.PLAIN_REMOTE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1          | true
            127.0.0.256        | false
            127.1              | false
            127.0.0.01         | false
            [::1]              | true
            [::ffff:127.0.0.1] | true
            [not-an-address]   | false
            ::1                | false
            """)
    void onlyPlainSpellingsOfLoopbackCount(String host, boolean isLoopback) {
        assertThat(TokenTransport.isLoopback(host)).isEqualTo(isLoopback);
    }

    @Test
    void theQuestionNamesTheHostAndNothingElse() {
        assertThat(TokenTransport.question(ServerAddress.parse("http://admin:hunter2@Zena.Internal:8080/x?y")))
                .isEqualTo("The admin token would be sent unencrypted to zena.internal. Continue?");
    }
}
