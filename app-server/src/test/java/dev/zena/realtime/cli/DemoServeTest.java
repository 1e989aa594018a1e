package dev.zena.realtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zena.realtime.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve --demo} as a user runs it: a real process in an empty directory, no secret configured. It loads
 * the demo data, keeps generated secrets beside the store (0600), prints a token that works and a signed
 * {@code curl} line that publishes when bash runs it, and {@code token} run from "another shell" signs tokens the
 * same server accepts.
 */
@Timeout(90)
class DemoServeTest {

    private static final Pattern UP = Pattern.compile("up on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void demoServesTheDemoDataWithAPrintedTokenAndAKeptSecret() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--demo",
                        "--port",
                        "0")
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> lines = readUntilConnectHint(process);
            int port = port(lines);
            String token = lines.get(lines.indexOf(lines.stream()
                                    .filter(l -> l.startsWith("Token for"))
                                    .findFirst()
                                    .orElseThrow())
                            + 1)
                    .strip();
            assertThat(String.join("\n", lines))
                    .contains("ws://127.0.0.1:" + port + "/ws?token=")
                    .contains("subscribe");

            try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token))) {
                client.nextOfType("authentication");
                JsonNode reply = client.request(
                        "{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\",\"system.acme\"]}");
                assertThat(reply.path("granted")).hasSize(2);
            }

            Path secret = dir.resolve("zena.db.jwt-secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .isEqualTo("rw-------");

            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(dir.resolve("zena.db.publish-secret"))))
                    .isEqualTo("rw-------");
            String publish = lines.get(lines.indexOf(lines.stream()
                                    .filter(l -> l.startsWith("Publish as the backend"))
                                    .findFirst()
                                    .orElseThrow())
                            + 1)
                    .strip();
            try (WsClient subscriber = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token))) {
                subscriber.nextOfType("authentication");
                subscriber.request("{\"type\":\"subscribe\",\"channels\":[\"project.acme-tower\"]}");
                Process curl = new ProcessBuilder("bash", "-c", publish)
                        .redirectErrorStream(true)
                        .start();
                String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(answer).as("the printed publish line, run by bash").contains("\"delivered\":1");
                assertThat(subscriber.nextOfType("event").path("event").asText())
                        .isEqualTo("project.updated");
            }

            String memberToken = tokenFromAnotherShell();
            try (WsClient client =
                    WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + memberToken))) {
                assertThat(client.nextOfType("authentication").path("user_id").asText())
                        .isEqualTo("acme-member");
            }
        } finally {
            process.destroy();
            process.waitFor(15, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private String tokenFromAnotherShell() {
        StringWriter out = new StringWriter();
        CommandLine cli = ZenaCommand.commandLine(
                Map.of("WEBSOCKET_DB", dir.resolve("zena.db").toString()));
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("token", "--user", "acme-member")).isZero();
        return out.toString().strip();
    }

    private static List<String> readUntilConnectHint(Process process) throws Exception {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
            if (line.startsWith("Reset the demo:")) {
                return lines;
            }
        }
        throw new AssertionError("serve --demo ended early; printed:\n" + String.join("\n", lines));
    }

    private static int port(List<String> lines) {
        for (String line : lines) {
            Matcher m = UP.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no address printed: " + lines);
    }
}
