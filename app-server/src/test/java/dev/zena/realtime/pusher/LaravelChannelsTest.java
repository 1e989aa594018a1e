package dev.zena.realtime.pusher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.ChannelKind;
import dev.zena.realtime.config.ConfigException;
import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import dev.zena.realtime.sync.Importer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default {@code laravel.channels} of SPEC §12 over the basic fixture: every Laravel name of the table maps to
 * its channel, a stated tenant must own the resource, and names matching no rule map to nothing.
 */
@Timeout(30)
class LaravelChannelsTest {

    @TempDir
    Path dir;

    Store store;
    LaravelChannels channels;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(dir.resolve("zena.db").toString());
        try (InputStream in = getClass().getResourceAsStream("/fixtures/basic.json")) {
            new Importer(store).importDocument(in.readAllBytes(), false);
        }
        ServerConfig config = ConfigLoader.defaults();
        ChannelCatalog catalog = new ChannelCatalog(config.channels());
        channels = new LaravelChannels(config.laravel().channels(), catalog, new AccessPolicy(store, catalog));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @CsvSource({
        "private-project.acme-tower, project.acme-tower, PROJECT",
        "presence-project.acme-tower, project.acme-tower, PROJECT",
        "private-task.acme-t1, task.acme-t1, TASK",
        "presence-task.globex-t1, task.globex-t1, TASK",
        "private-tenant.acme.user.acme-pm.notifications, notifications.acme-pm, NOTIFICATIONS",
        "private-user.acme-pm, notifications.acme-pm, NOTIFICATIONS",
        "private-App.Models.User.acme-pm, notifications.acme-pm, NOTIFICATIONS",
        "private-tenant.acme, system.acme, SYSTEM",
        "tenant.globex.projects, system.globex, SYSTEM"
    })
    void everyDefaultRuleMapsToItsChannelAndTheResourceIsFound(String laravel, String channel, ChannelKind kind) {
        LaravelChannels.Target target = channels.resolve(laravel).orElseThrow();
        assertThat(target.channelName()).isEqualTo(channel);
        assertThat(target.mapping().channel().kind()).isEqualTo(kind);
        assertThat(target.tenantId()).isEqualTo(channel.contains("globex") ? "globex" : "acme");
    }

    @Test
    void aStatedTenantThatIsNotTheResourcesTenantMapsButResolvesToNothing() {
        LaravelChannels.Mapping mapping =
                channels.map("private-tenant.globex.user.acme-pm.notifications").orElseThrow();
        assertThat(mapping.channel().name()).isEqualTo("notifications.acme-pm");
        assertThat(channels.contradictsTenant(mapping)).isTrue();
        assertThat(channels.resolve("private-tenant.globex.user.acme-pm.notifications"))
                .isEmpty();
        assertThat(channels.resolve("private-tenant.acme.user.acme-pm.notifications"))
                .isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "private-invoice.7",
        "project.acme-tower",
        "private-project.",
        "private-project.a.b",
        "presence-project.acme-tower.extra",
        "private-tenant.acme.user.acme-pm"
    })
    void namesMatchingNoRuleMapToNothing(String laravel) {
        assertThat(channels.map(laravel)).isEmpty();
        assertThat(channels.resolve(laravel)).isEmpty();
    }

    @Test
    void aMappedNameWhoseResourceDoesNotExistResolvesToNothing() {
        assertThat(channels.map("private-project.nope")).isPresent();
        assertThat(channels.resolve("private-project.nope")).isEmpty();
    }

    @Test
    void privateAndPresenceNamesAreTold() {
        assertThat(channels.map("presence-project.acme-tower").orElseThrow().isPresence())
                .isTrue();
        assertThat(channels.map("private-project.acme-tower").orElseThrow().needsAuth())
                .isTrue();
        assertThat(channels.map("tenant.acme.projects").orElseThrow().needsAuth())
                .isFalse();
    }

    @Test
    void aBadRuleIsRefusedAtStartWithTheSettingsName() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        null, Map.of(), Map.of("laravel.channels", "private-orders.{order_id}=project.{order_id}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("laravel.channels")
                .hasMessageContaining("{order_id}");
        assertThatThrownBy(() -> ConfigLoader.load(
                        null, Map.of(), Map.of("laravel.channels", "private-orders=project.{project_id}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing on the Laravel side");
    }
}
