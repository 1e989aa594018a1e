package dev.zena.realtime.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.console.client.LinkState;
import dev.zena.realtime.console.client.LinkStatus;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {

    private final ShellViewModel vm = new ShellViewModel("http://127.0.0.1:9", true);

    @Test
    void bannerShowsUnreachableAndRefusedAndHidesWhenConnected() {
        vm.onLink(new LinkState(LinkStatus.UNREACHABLE, "Server unreachable (connection refused)"));
        assertThat(vm.bannerVisibleProperty().get()).isTrue();
        assertThat(vm.bannerProperty().get()).contains("unreachable").contains("retrying");
        assertThat(vm.tokenRefusedProperty().get()).isFalse();

        vm.onLink(new LinkState(LinkStatus.TOKEN_REFUSED, "The server refused the token (401)"));
        assertThat(vm.bannerProperty().get()).contains("refused the token").contains("Ctrl+O");
        assertThat(vm.tokenRefusedProperty().get()).isTrue();

        vm.onLink(new LinkState(LinkStatus.CONNECTED, "Connected"));
        assertThat(vm.bannerVisibleProperty().get()).isFalse();
    }

    @Test
    void viewsAreSelectedByIndex() {
        vm.show(3);
        assertThat(vm.viewProperty().get()).isEqualTo(3);
        vm.show(7);
        assertThat(vm.viewProperty().get()).isEqualTo(3);
        assertThat(vm.titleProperty().get()).contains("embedded");
    }
}
