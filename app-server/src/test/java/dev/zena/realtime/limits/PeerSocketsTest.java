package dev.zena.realtime.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerSocketsTest {

    private final PeerSockets sockets = new PeerSockets(2, new ClientAddresses(List.of("10.0.0.0/8")));

    @Test
    void theSocketOverThePeersCapIsRefusedAndEveryCloseGivesAPlaceBack() throws UnknownHostException {
        InetAddress client = InetAddress.getByName("198.51.100.7");
        assertThat(sockets.opened(client)).isTrue();
        assertThat(sockets.opened(client)).isTrue();
        assertThat(sockets.opened(client)).as("third of a cap of 2").isFalse();
        assertThat(sockets.opened(InetAddress.getByName("198.51.100.8")))
                .as("another peer")
                .isTrue();

        sockets.closed(client); // the refused one, closed by the caller
        sockets.closed(client);
        assertThat(sockets.openFrom(client)).isEqualTo(1);
        assertThat(sockets.opened(client)).isTrue();
    }

    @Test
    void aTrustedProxyIsNeitherCountedNorCapped() throws UnknownHostException {
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        for (int i = 0; i < 5; i++) {
            assertThat(sockets.opened(proxy)).isTrue();
        }
        sockets.closed(proxy);
        assertThat(sockets.openFrom(proxy)).isZero();
    }
}
