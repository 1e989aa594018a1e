package dev.zena.realtime.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectDialogModelTest {

    @Test
    void needsAnHttpAddressAndAToken(@TempDir Path home) {
        ConnectViewModel vm = new ConnectViewModel(List.of("http://10.0.0.1:8080"), null);
        assertThat(vm.serverProperty().get()).isEqualTo("http://10.0.0.1:8080");
        assertThat(vm.problemProperty().get()).contains("token");
        vm.tokenProperty().set("eyJ.x.y");
        assertThat(vm.problemProperty().get()).isNull();
        vm.serverProperty().set("ftp://x");
        assertThat(vm.problemProperty().get()).contains("http://host:port");
        vm.serverProperty().set("zena.internal:9000/some/path");
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.serverUri()).isEqualTo(URI.create("http://zena.internal:9000"));
    }

    @Test
    void recentServersKeepAddressesNewestFirstAndNeverTokens(@TempDir Path home) throws Exception {
        RecentServers recent = new RecentServers(home);
        assertThat(recent.load()).isEmpty();
        recent.remember(URI.create("http://a:1"));
        recent.remember(URI.create("http://b:2"));
        recent.remember(URI.create("http://a:1"));
        assertThat(recent.load()).containsExactly("http://a:1", "http://b:2");
        assertThat(Files.readString(home.resolve("recent.json"))).doesNotContain("token");
    }

    @Test
    void theRecentServersFileHasNoUserInfoAfterAttachingToAnAddressWithOne(@TempDir Path home) throws Exception {
        ConnectViewModel vm = new ConnectViewModel(List.of(), "http://user:pass@host:1234");
        vm.tokenProperty().set("eyJ.x.y");
        assertThat(vm.problemProperty().get()).isNull();
        RecentServers recent = new RecentServers(home);
        recent.remember(vm.serverUri());
        String file = Files.readString(home.resolve("recent.json"));
        assertThat(file)
                .contains("http://host:1234")
                .doesNotContain("user")
                .doesNotContain("pass")
                .doesNotContain("@");
        assertThat(recent.load()).containsExactly("http://host:1234");
    }

    @Test
    void anOlderRecentServersFileWithUserInfoIsCleanedWhenRead(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("recent.json"), """
                {"servers":["http://admin:hunter2@zena.internal:8080","http://a:1/path?q=1",
                "http://zena.internal:8080","not an address at all"]}""");
        RecentServers recent = new RecentServers(home);
        assertThat(recent.load()).containsExactly("http://zena.internal:8080", "http://a:1");
        assertThat(Files.readString(home.resolve("recent.json")))
                .doesNotContain("hunter2")
                .doesNotContain("admin")
                .doesNotContain("@");
        ConnectViewModel vm = new ConnectViewModel(recent.load(), null);
        assertThat(vm.recent()).noneMatch(server -> server.contains("@"));
        assertThat(vm.serverProperty().get()).isEqualTo("http://zena.internal:8080");
    }

    @Test
    void userInfoTypedInTheDialogIsDroppedWithANotice() {
        ConnectViewModel vm = new ConnectViewModel(List.of(), "http://zena.internal:8080");
        assertThat(vm.noticeProperty().get()).isNull();
        vm.serverProperty().set("http://admin:hunter2@zena.internal:8080");
        assertThat(vm.noticeProperty().get()).contains("removed").doesNotContain("hunter2");
        assertThat(vm.serverUri()).isEqualTo(URI.create("http://zena.internal:8080"));
    }
}
