package dev.zena.realtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The subcommands of SPEC §7 run in-process with their own environment, output captured. */
@Timeout(60)
class CommandLineTest {

    @TempDir
    Path dir;

    Map<String, String> env;
    String out;
    String err;

    @BeforeEach
    void environment() {
        env = new HashMap<>();
        env.put("WEBSOCKET_DB", dir.resolve("zena.db").toString());
        env.put("WEBSOCKET_JWT_SECRET", TestServer.SECRET);
    }

    int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        CommandLine cli = ZenaCommand.commandLine(env);
        cli.setOut(new PrintWriter(outText, true));
        cli.setErr(new PrintWriter(errText, true));
        int code = cli.execute(args);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    Path fixture(String name) throws Exception {
        Path file = dir.resolve(name.replace('/', '-'));
        Files.write(file, TestServer.resource(name));
        return file;
    }

    @Test
    void aDemoSecretOpenToOthersIsRefusedNotReused() throws Exception {
        env.remove("WEBSOCKET_JWT_SECRET");
        assertThat(run("import", fixture("fixtures/basic.json").toString())).isZero();
        Path secret = dir.resolve("zena.db.jwt-secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef0123456789abcdef");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run("token", "--user", "acme-member")).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err).contains(secret.toString()).contains("rw-r--r--").contains("chmod 600");

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThat(run("token", "--user", "acme-member")).isZero();
        assertThat(out.strip()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void importsAGoodFileAndReportsCounts() throws Exception {
        assertThat(run("import", fixture("fixtures/basic.json").toString())).isZero();
        assertThat(out)
                .contains("tenants=2")
                .contains("users=8")
                .contains("projects=3")
                .contains("tasks=4");
    }

    @Test
    void refusesABadFileNamingTheEntryAndChangesNothing() throws Exception {
        run("import", fixture("fixtures/basic.json").toString());
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"users\":[{\"id\":\"u1\",\"tenant_id\":\"acme\",\"name\":\"A\",\"email\":\"a@x\","
                        + "\"role\":\"member\"},{\"id\":\"u2\",\"tenant_id\":\"nope\",\"name\":\"B\",\"email\":\"b@x\","
                        + "\"role\":\"member\"}]}");
        assertThat(run("import", bad.toString())).isEqualTo(1);
        assertThat(err).contains("users[1]").contains("nope").contains("nothing was changed");
        try (Store store = Stores.open(env.get("WEBSOCKET_DB"))) {
            assertThat(store.user("u1")).isEmpty();
        }
    }

    @Test
    void refusesMalformedJsonAndAMissingFile() throws Exception {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"tenants\": [");
        assertThat(run("import", bad.toString())).isEqualTo(1);
        assertThat(err).containsIgnoringCase("json");
        assertThat(run("import", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err).contains("cannot read");
    }

    @Test
    void replaceDeletesWhatTheFileLacks() throws Exception {
        run("import", fixture("fixtures/basic.json").toString());
        Path small = dir.resolve("small.json");
        Files.writeString(
                small,
                "{\"tenants\":[{\"id\":\"acme\",\"name\":\"Acme\"}],\"users\":[{\"id\":\"acme-admin\","
                        + "\"tenant_id\":\"acme\",\"name\":\"Ada\",\"email\":\"ada@acme.test\",\"role\":\"admin\"}]}");
        assertThat(run("import", small.toString(), "--replace")).isZero();
        try (Store store = Stores.open(env.get("WEBSOCKET_DB"))) {
            assertThat(store.tenants()).extracting(t -> t.id()).containsExactly("acme");
            assertThat(store.allUsers()).extracting(u -> u.id()).containsExactly("acme-admin");
        }
    }

    @Test
    void tokenPrintsOnlyATokenThatTheServerAccepts() throws Exception {
        run("import", fixture("fixtures/basic.json").toString());
        assertThat(run("token", "--user", "acme-member", "--ttl", "15m")).isZero();
        String token = out.strip();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(run("token", "--user", "nobody")).isEqualTo(1);
        assertThat(run("token", "--user", "acme-member", "--ttl", "soon")).isEqualTo(2);
    }

    @Test
    void revokeByUserAndByJti() throws Exception {
        run("import", fixture("fixtures/basic.json").toString());
        assertThat(run("revoke", "--user", "acme-member")).isZero();
        assertThat(run("revoke", "--jti", "abc", "--exp", "2099-01-01T00:00:00Z"))
                .isZero();
        try (Store store = Stores.open(env.get("WEBSOCKET_DB"))) {
            assertThat(store.user("acme-member").orElseThrow().tokensValidAfter())
                    .isNotNull();
            assertThat(store.isRevoked("abc")).isTrue();
        }
        assertThat(run("revoke", "--jti", "abc", "--exp", "tomorrow")).isEqualTo(2);
        assertThat(run("revoke", "--user", "nobody")).isEqualTo(1);
    }

    @Test
    void aCommandThatFindsAnEmptyStoreSaysWhichStoreAndHowToFillIt() {
        assertThat(run("token", "--user", "acme-admin")).isEqualTo(1);
        assertThat(err)
                .contains(dir.resolve("zena.db").toString())
                .contains("did not exist")
                .contains("WEBSOCKET_DB")
                .contains("zena-server init")
                .contains("zena-server import")
                .doesNotContain("no user");

        assertThat(run("check", "--user", "acme-admin", "--channel", "system.acme"))
                .isEqualTo(1);
        assertThat(err).contains("holds no tenant and no user").contains("the environment, WEBSOCKET_DB");
        assertThat(run("revoke", "--user", "acme-admin")).isEqualTo(1);
        assertThat(err).contains("holds no tenant and no user");
    }

    @Test
    void initCreatesAFirstAdminThatTokenCanSignFor() throws Exception {
        assertThat(run(
                        "init",
                        "--tenant",
                        "northwind",
                        "--tenant-name",
                        "Northwind",
                        "--admin",
                        "nw-admin",
                        "--name",
                        "Nora Admin",
                        "--email",
                        "nora@northwind.test"))
                .isZero();
        assertThat(out).contains("northwind").contains("nw-admin").contains("token --user nw-admin");

        assertThat(run("token", "--user", "nw-admin", "--ttl", "10h")).isZero();
        assertThat(run("check", "--user", "nw-admin", "--channel", "system.northwind"))
                .isZero();
        // Run again, it updates in place; a bad role or email changes nothing.
        assertThat(run(
                        "init",
                        "--tenant",
                        "northwind",
                        "--admin",
                        "nw-admin",
                        "--name",
                        "Nora A.",
                        "--email",
                        "nora@northwind.test"))
                .isZero();
        assertThat(run(
                        "init",
                        "--tenant",
                        "northwind",
                        "--admin",
                        "nw-admin",
                        "--name",
                        "Nora",
                        "--email",
                        "nora@northwind.test",
                        "--role",
                        "member"))
                .isEqualTo(2);
        try (Store store = Stores.open(dir.resolve("zena.db").toString())) {
            assertThat(store.user("nw-admin").orElseThrow().name()).isEqualTo("Nora A.");
        }
    }

    @Test
    void zenaConfigNamesTheConfigurationFileWhenNoConfigFlagIsGiven() throws Exception {
        Path file = dir.resolve("zena.yml");
        Files.writeString(file, "heartbeat.interval: 7s\n");
        env.put("ZENA_CONFIG", file.toString());
        assertThat(run("config", "print")).isZero();
        assertThat(out).containsPattern("heartbeat.interval\\s*=\\s*7s\\s+\\(file\\)");

        Path other = dir.resolve("other.yml");
        Files.writeString(other, "heartbeat.interval: 9s\n");
        assertThat(run("config", "print", "--config", other.toString())).isZero();
        assertThat(out).containsPattern("heartbeat.interval\\s*=\\s*9s");

        env.put("ZENA_CONFIG", dir.resolve("missing.yml").toString());
        assertThat(run("config", "check")).isEqualTo(1);
        assertThat(err).contains("missing.yml");
    }

    @Test
    void configCheckNeedsAUsableSecretAndPrintMasksIt() {
        assertThat(run("config", "check")).isZero();
        assertThat(run("config", "print")).isZero();
        assertThat(out).contains("jwt.secret").contains("****").doesNotContain(TestServer.SECRET);
        env.put("WEBSOCKET_JWT_SECRET", "short");
        assertThat(run("config", "check")).isEqualTo(1);
        assertThat(err).contains("WEBSOCKET_JWT_SECRET");
        env.put("WEBSOCKET_HEARTBEAT_INTERVAL", "soon");
        assertThat(run("config", "check")).isEqualTo(1);
        assertThat(err).contains("heartbeat.interval");
    }

    @Test
    void serveRefusesToStartWithoutAUsableSecret() {
        env.remove("WEBSOCKET_JWT_SECRET");
        assertThat(run("serve", "--port", "0")).isEqualTo(1);
        assertThat(err).contains("WEBSOCKET_JWT_SECRET").contains("32 bytes");
    }

    @Test
    void anUnsupportedDatabaseUrlIsRefusedInOneClearLineAndNeverTakenForAFile() throws Exception {
        env.put("WEBSOCKET_DB", "postgres://zena:hunter2@db.example/zena");
        assertThat(run("import", fixture("fixtures/basic.json").toString())).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err.lines())
                .singleElement()
                .asString()
                .startsWith("error: unsupported database URL kind postgres: ")
                .endsWith("or a jdbc:postgresql: URL")
                .doesNotContain("hunter2");
        assertThat(Path.of("postgres:")).doesNotExist();
    }

    @Test
    void anUnreachablePostgresqlStoreIsOneClearLineWithoutThePassword() throws Exception {
        env.put("WEBSOCKET_DB", "jdbc:postgresql://127.0.0.1:1/zena");
        env.put("WEBSOCKET_DB_USER", "zena");
        env.put("WEBSOCKET_DB_PASSWORD", "hunter2");

        assertThat(run("import", fixture("fixtures/basic.json").toString())).isEqualTo(1);

        assertThat(out).isEmpty();
        assertThat(err.lines())
                .singleElement()
                .asString()
                .startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/zena: ")
                .doesNotContain("hunter2");
        assertThat(Path.of("jdbc:postgresql:")).doesNotExist();
    }

    @Test
    void versionAndHelp() {
        assertThat(run("version")).isZero();
        assertThat(out).startsWith("zena-server ");
        assertThat(run("serve", "--help")).isZero();
        assertThat(out)
                .contains("--host")
                .contains("--port")
                .contains("--workers")
                .contains("--demo");
    }
}
