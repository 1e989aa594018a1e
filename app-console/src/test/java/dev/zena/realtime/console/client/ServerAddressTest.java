package dev.zena.realtime.console.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the console keeps of an address: scheme, host, port — never {@code user:pass@}, a path, query or fragment. */
class ServerAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://user:pass@host:1234               | http://host:1234          | true
            https://admin@zena.internal:8443/        | https://zena.internal:8443 | true
            user:pass@10.0.0.7:8080                  | http://10.0.0.7:8080       | true
            http://u:p%40ss@host:1                   | http://host:1              | true
            http://:secret@host:1                    | http://host:1              | true
            http://host:1234/admin?token=abc#top     | http://host:1234           | false
            http://host:1234?x=1                     | http://host:1234           | false
            HTTP://Zena.Internal:8080                | http://zena.internal:8080  | false
            '  127.0.0.1:8080  '                     | http://127.0.0.1:8080      | false
            http://[::1]:8080                        | http://[::1]:8080          | false
            https://zena.example                     | https://zena.example       | false
            """)
    void keepsSchemeHostAndPortOnly(String text, String expected, boolean hadUserInfo) {
        ServerAddress address = ServerAddress.parse(text);
        assertThat(address.toString()).isEqualTo(expected);
        assertThat(address.uri().getRawUserInfo()).isNull();
        assertThat(address.uri().getRawQuery()).isNull();
        assertThat(address.uri().getRawFragment()).isNull();
        assertThat(address.hadUserInfo()).isEqualTo(hadUserInfo);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "ftp://user:secret@host",
                "http://user:secret@",
                "http://user:se cret@host",
                "http://user:secret@host:port",
                " "
            })
    void aBadAddressIsExplainedWithoutRepeatingThePassword(String text) {
        assertThatThrownBy(() -> ServerAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://host:port")
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("se cret");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://user:pass@host:1/x@y     | http://***@host:1/x@y
            user:pass@host:1                | ***@host:1
            http://a@b@host                 | http://***@host
            http://host:1/path?q=a@b        | http://host:1/path?q=a@b
            --sever=http://u:p@h            | --sever=http://***@h
            plain text                      | plain text
            """)
    void redactHidesUserInfoOnly(String text, String expected) {
        assertThat(ServerAddress.redact(text)).isEqualTo(expected);
    }
}
