package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** X-Forwarded-For is believed only from trusted proxies, walked from the right. */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @ParameterizedTest(name = "peer {0} XFF [{1}] -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "203.0.113.9 | 198.51.100.1       | 203.0.113.9", // untrusted peer: header ignored
                "127.0.0.1   | 198.51.100.1       | 127.0.0.1",
                "10.1.2.3    | null               | 10.1.2.3",
                "10.1.2.3    | 198.51.100.1       | 198.51.100.1",
                "10.1.2.3    | 1.1.1.1, 198.51.100.1, 10.9.9.9 | 198.51.100.1", // skip trusted hops from the right
                "10.1.2.3    | 10.2.2.2, 10.3.3.3 | 10.2.2.2", // all trusted: the leftmost
                "192.168.1.7 | 198.51.100.1       | 198.51.100.1",
                "192.168.1.8 | 198.51.100.1       | 192.168.1.8",
                "10.1.2.3    | evil.example, 198.51.100.1 | 198.51.100.1",
                "10.1.2.3    | 198.51.100.1, not-an-ip | 10.1.2.3", // garbage from a trusted hop: stop at it
                "fd00::1     | 2001:db8::1        | 2001:db8:0:0:0:0:0:1",
            })
    void resolves(String peer, String forwardedFor, String expected) {
        assertThat(addresses.resolve(peer, forwardedFor)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "198.51.100.1             | 198.51.100.1",
                "[2001:db8::1]            | 2001:db8:0:0:0:0:0:1",
                "::1                      | 0:0:0:0:0:0:0:1",
                "::                       | 0:0:0:0:0:0:0:0",
                "1:2:3:4:5:6:7:8          | 1:2:3:4:5:6:7:8",
                "::ffff:198.51.100.1      | 198.51.100.1",
                "64:ff9b::198.51.100.1    | 64:ff9b:0:0:0:0:c633:6401",
                "fe80::1%lo               | null", // a zone id names an interface: looked up, so refused
                "fe80::1%1                | null",
                "198.51.100.1:8080        | null", // a port
                "[2001:db8::1]:443        | null",
                "g::1                     | null",
                "evil.example:80          | null",
                "evil.example             | null",
                "1::2::3                  | null",
                "1:2:3:4:5:6:7:8:9        | null",
                "1:2:3:4:5:6:7            | null",
                "12345::1                 | null",
                "256.1.1.1                | null",
                "01.2.3.4                 | null",
                "1.2.3                    | null",
                "1.2.3.4.5                | null",
                "0x7f.0.0.1               | null",
                "''                       | null",
            })
    void parsesOnlyStrictLiteralsAndNeverResolves(String text, String expected) {
        assertThat(ClientAddresses.parse(text)
                        .map(java.net.InetAddress::getHostAddress)
                        .orElse(null))
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aHugeEntryIsRefusedWithoutParsing() {
        assertThat(ClientAddresses.parse("1".repeat(100_000))).isEmpty();
    }
}
