package dev.zena.realtime.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchOptionsTest {

    @Test
    void noArgumentsMeansEmbedded() {
        LaunchOptions options = LaunchOptions.parse(List.of());
        assertThat(options.serverOrNull()).isNull();
        assertThat(options.home().toString()).endsWith(".zena-console");
    }

    @Test
    void aTokenOnTheCommandLineIsRefused() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--server", "http://h:1", "--token", "eyJ")))
                .hasMessageContaining("ps")
                .hasMessageContaining("--token-file");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--token=eyJ"))).hasMessageContaining("refused");
    }

    @Test
    void tokenComesFromTheFileElseTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file\n");
        LaunchOptions withFile =
                LaunchOptions.parse(List.of("--server", "127.0.0.1:8080", "--token-file", file.toString()));
        assertThat(withFile.serverOrNull()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(withFile.token(Map.of(LaunchOptions.TOKEN_ENV, "from-env"))).contains("from-file");

        LaunchOptions withEnv = LaunchOptions.parse(List.of("--server=http://h:1/"));
        assertThat(withEnv.serverOrNull()).isEqualTo(URI.create("http://h:1"));
        assertThat(withEnv.token(Map.of(LaunchOptions.TOKEN_ENV, "from-env"))).contains("from-env");
        assertThat(withEnv.token(Map.of())).isEmpty();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--server"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bogus"))).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--server", "ftp://x")))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--token-file", "/x")))
                .hasMessageContaining("--server");
    }

    @Test
    void aUserNameAndPasswordInServerAreDroppedBeforeTheyAreRemembered(@TempDir Path home) throws Exception {
        LaunchOptions options =
                LaunchOptions.parse(List.of("--server", "http://user:pass@host:1234", "--home", home.toString()));
        assertThat(options.serverOrNull()).isEqualTo(URI.create("http://host:1234"));
        new dev.zena.realtime.console.shell.RecentServers(home).remember(options.serverOrNull());
        assertThat(Files.readString(home.resolve("recent.json")))
                .contains("http://host:1234")
                .doesNotContain("user")
                .doesNotContain("pass")
                .doesNotContain("@");
    }

    @Test
    void theDroppedUserInfoIsNoticedAndNeverRepeatedInAMessage() {
        assertThat(LaunchOptions.parse(List.of("--server=https://admin:hunter2@zena.example"))
                        .hasDroppedUserInfo())
                .isTrue();
        assertThat(LaunchOptions.parse(List.of("--server=https://zena.example")).hasDroppedUserInfo())
                .isFalse();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--server", "ftp://admin:hunter2@x")))
                .hasMessageContaining("http://host:port")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--sever=http://admin:hunter2@x")))
                .hasMessageContaining("Unknown option")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest(name = "{0} with a token file, flag={1}: refused={2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://192.0.2.1:9        | false | true
            http://192.0.2.1:9        | true  | false
            http://zena.internal:8080 | false | true
            https://zena.example      | false | false
            http://127.0.0.1:8080     | false | false
            http://localhost:8080     | false | false
            http://[::1]:8080         | false | false
            """)
    void anUnattendedAttachOverPlainHttpToAnotherHostNeedsTheFlag(
            String server, boolean isFlagGiven, boolean isRefused, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "secret-token");
        List<String> args = new java.util.ArrayList<>(List.of("--server", server, "--token-file", file.toString()));
        if (isFlagGiven) {
            args.add("--allow-insecure-http");
        }
        LaunchOptions options = LaunchOptions.parse(args);
        assertThat(options.isPlainHttpAllowed()).isEqualTo(isFlagGiven);
        if (isRefused) {
            assertThatThrownBy(() -> options.checkUnattendedTransport(Map.of()))
                    .hasMessageContaining("unencrypted")
                    .hasMessageContaining("--allow-insecure-http")
                    .hasMessageNotContaining("secret-token");
        } else {
            options.checkUnattendedTransport(Map.of());
        }
    }

    @Test
    void aTokenFromTheEnvironmentIsAnUnattendedAttachTooButTheDialogAsksInstead() {
        LaunchOptions options = LaunchOptions.parse(List.of("--server", "http://192.0.2.1:9"));
        assertThatThrownBy(() -> options.checkUnattendedTransport(Map.of(LaunchOptions.TOKEN_ENV, "t")))
                .hasMessageContaining("--allow-insecure-http");
        // no token at hand: the connect dialog opens and the console asks there
        options.checkUnattendedTransport(Map.of());
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--allow-insecure-http")))
                .hasMessageContaining("needs --server");
    }
}
