package dev.zena.realtime.limits;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Forwarded-For is believed only from trusted proxies, walked from the right. */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @ParameterizedTest(name = "peer {0} XFF [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "203.0.113.9 | 198.51.100.1       | 203.0.113.9",   // untrusted peer: header ignored
            "127.0.0.1   | 198.51.100.1       | 127.0.0.1",
            "10.1.2.3    | null               | 10.1.2.3",
            "10.1.2.3    | 198.51.100.1       | 198.51.100.1",
            "10.1.2.3    | 1.1.1.1, 198.51.100.1, 10.9.9.9 | 198.51.100.1", // skip trusted hops from the right
            "10.1.2.3    | 10.2.2.2, 10.3.3.3 | 10.2.2.2",       // all trusted: the leftmost
            "192.168.1.7 | 198.51.100.1       | 198.51.100.1",
            "192.168.1.8 | 198.51.100.1       | 192.168.1.8",
            "10.1.2.3    | evil.example, 198.51.100.1 | 198.51.100.1",
            "10.1.2.3    | 198.51.100.1, not-an-ip | 10.1.2.3",  // garbage from a trusted hop: stop at it
            "fd00::1     | 2001:db8::1        | 2001:db8:0:0:0:0:0:1",
    })
    void resolves(String peer, String forwardedFor, String expected) {
        assertThat(addresses.resolve(peer, forwardedFor)).isEqualTo(expected);
    }
}
