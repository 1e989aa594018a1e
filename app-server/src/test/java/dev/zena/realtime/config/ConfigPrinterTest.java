package dev.zena.realtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {

    private static final Map<String, String> SECRETS = Map.of(
            "WEBSOCKET_JWT_SECRET", "jwt-secret-value-0123456789abcdef",
            "WEBSOCKET_PUBLISH_SECRET", "publish-secret-value",
            "WEBSOCKET_METRICS_TOKEN", "metrics-token-value",
            "WEBSOCKET_DB_PASSWORD", "db-password-value",
            "WEBSOCKET_JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nprivate-key-body\n-----END PRIVATE KEY-----");

    @Test
    void textShowsEveryKeyWithValueAndOriginAndMasksSecrets(@TempDir Path dir) throws Exception {
        Path yml = Files.writeString(dir.resolve("z.yml"), "port: 9000\n");
        ConfigSource source = ConfigLoader.effective(yml, SECRETS, Map.of("host", "127.0.0.1"));

        String text = ConfigPrinter.text(source);

        assertThat(text.lines())
                .hasSize(Settings.ALL.size())
                .contains(
                        "host = 127.0.0.1  (flag)",
                        "port = 9000  (file)",
                        "heartbeat.interval = 30s  (default)",
                        "jwt.secret = ****  (env)",
                        "jwt.private_key = ****  (env)",
                        "publish.secret = ****  (env)",
                        "metrics.token = ****  (env)",
                        "db.password = ****  (env)",
                        "jwt.issuer =   (default)");
        assertThat(text).doesNotContain("secret-value", "token-value", "private-key-body", "password-value");
    }

    @Test
    void yamlMasksSecretsAndReadsBackAsTheSameSettings(@TempDir Path dir) throws Exception {
        ConfigSource source = ConfigLoader.effective(null, SECRETS, Map.of());

        String yaml = ConfigPrinter.yaml(source);

        assertThat(yaml)
                .contains(
                        "jwt.secret: \"****\"  # env",
                        "channels.task: \"task.{task_id}\"  # default",
                        "# jwt.issuer:  # unset");
        assertThat(yaml).doesNotContain("secret-value", "token-value", "private-key-body");
        Path printed =
                Files.writeString(dir.resolve("printed.yml"), yaml.replace("jwt.private_key: \"****\"", "# masked"));
        assertThat(ConfigLoader.load(printed, Map.of(), Map.of()).heartbeat())
                .isEqualTo(ConfigLoader.defaults().heartbeat());
    }

    @Test
    void recordsNeverPrintSecrets() throws Exception {
        ServerConfig config = ConfigLoader.load(null, SECRETS, Map.of());

        assertThat(config.toString())
                .doesNotContain("secret-value", "token-value", "private-key-body", "password-value")
                .contains("secret=****", "metricsToken=****", "password=****");
        assertThat(ConfigLoader.effective(null, SECRETS, Map.of()).toString()).doesNotContain("secret-value");
    }

    @Test
    void aPasswordWrittenInsideTheDbUrlIsMaskedToo() throws Exception {
        Map<String, String> env = Map.of(
                "WEBSOCKET_DB",
                "jdbc:postgresql://db.example:5432/zena?user=zena&password=url-password-value&ssl=true");

        ConfigSource source = ConfigLoader.effective(null, env, Map.of());

        assertThat(ConfigPrinter.text(source))
                .doesNotContain("url-password-value")
                .contains("db = jdbc:postgresql://db.example:5432/zena?user=zena&password=****&ssl=true  (env)");
        assertThat(ConfigLoader.load(null, env, Map.of()).toString()).doesNotContain("url-password-value");
        assertThat(UrlPasswords.mask("postgres://zena:pass-value@db/zena")).isEqualTo("postgres://zena:****@db/zena");
    }
}
