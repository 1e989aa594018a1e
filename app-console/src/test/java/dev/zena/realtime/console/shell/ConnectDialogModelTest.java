package dev.zena.realtime.console.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectDialogModelTest {

    @Test
    void needsAnHttpAddressAndAToken(@TempDir Path home) {
        ConnectViewModel vm = new ConnectViewModel(List.of("http://10.0.0.1:8080"), null);
        assertThat(vm.serverProperty().get()).isEqualTo("http://10.0.0.1:8080");
        assertThat(vm.problemBinding().get()).contains("token");
        vm.tokenProperty().set("eyJ.x.y");
        assertThat(vm.problemBinding().get()).isNull();
        vm.serverProperty().set("ftp://x");
        assertThat(vm.problemBinding().get()).contains("http://host:port");
        vm.serverProperty().set("zena.internal:9000/some/path");
        assertThat(vm.problemBinding().get()).isNull();
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
}
