package dev.zena.realtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zena.realtime.config.ConfigLoader;
import dev.zena.realtime.contract.ContractFixture;
import dev.zena.realtime.contract.ContractFixture.FixtureUser;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the access decision over generated input (issue 18, fuzzing): random channel names, ids and users
 * against the contract fixture (three tenants) in a real SQLite store. Whatever is asked, the answer is one of the
 * documented statuses with its public message, and nothing is ever granted across tenants, to a disabled user, or
 * on another user's personal channel. The exact matrix of who may read what is the contract test's
 * ({@code contract.ContractTest}); these properties cover names and ids no table lists.
 */
class AccessPropertiesTest {

    private static final List<String> ORDER =
            List.of("authentication", "exists", "tenant", "identity", "permission", "membership");

    private static Path dir;
    private static Store store;
    private static ContractFixture fixture;
    private static ChannelCatalog catalog;
    private static AccessPolicy policy;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("access-properties");
        store = Stores.open(dir.resolve("zena.db").toString());
        fixture = ContractFixture.generate(3).loadInto(store);
        catalog = new ChannelCatalog(ConfigLoader.defaults().channels());
        policy = new AccessPolicy(store, catalog);
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Property(tries = 200)
    void anyNameOrUserIsAnsweredWithADocumentedStatusAndItsPublicMessage(
            @ForAll("userIds") String userId, @ForAll("channelNames") String name) {
        Decision decision = policy.explain(userId, name);

        assertThat(decision.status()).isIn(200, 400, 401, 403, 404);
        assertThat(decision.isGranted()).isEqualTo(decision.status() == 200);
        if (decision.status() == 403) {
            assertThat(decision.message()).isEqualTo(Decision.FORBIDDEN_MESSAGE);
        }
        if (decision.status() != 400) {
            List<String> names = decision.checks().stream().map(Check::check).toList();
            assertThat(ORDER).as("checks in the documented order").containsSubsequence(names);
            assertThat(decision.checks().subList(0, names.size() - 1)).allMatch(Check::passed);
            assertThat(decision.checks().get(names.size() - 1).passed()).isEqualTo(decision.isGranted());
        }
    }

    @Property(tries = 300)
    void nothingIsGrantedAcrossTenantsToTheDisabledOrOnAnotherUsersChannel(
            @ForAll("users") FixtureUser user, @ForAll("fixtureChannels") Channel channel) {
        Decision decision = policy.explain(user.id(), channel.name());

        if (decision.isGranted()) {
            assertThat(user.isActive()).isTrue();
            assertThat(policy.ownerTenant(channel)).contains(user.tenantId());
            if (channel.kind().scope() == ChannelKind.Scope.USER) {
                assertThat(channel.resourceId()).isEqualTo(user.id());
            }
        }
        if (!user.isActive()) {
            assertThat(decision.status()).isEqualTo(401);
        }
    }

    @Property(tries = 300)
    void aNameParsesOnlyToTheChannelThatPrintsAsIt(@ForAll("channelNames") String name) {
        Optional<Channel> parsed = catalog.parse(name);

        parsed.ifPresent(channel -> {
            assertThat(channel.name()).isEqualTo(name);
            assertThat(catalog.nameOf(channel.kind(), channel.resourceId())).isEqualTo(name);
            assertThat(ChannelCatalog.ID.matcher(channel.resourceId()).matches())
                    .isTrue();
        });
    }

    @Provide
    Arbitrary<String> userIds() {
        return Arbitraries.oneOf(
                Arbitraries.of(fixture.users()).map(FixtureUser::id),
                Arbitraries.strings().ofMaxLength(70));
    }

    @Provide
    Arbitrary<FixtureUser> users() {
        return Arbitraries.of(fixture.users());
    }

    /** Channels of every kind on every fixture id (any kind's, any tenant's) and on ids that exist nowhere. */
    @Provide
    Arbitrary<Channel> fixtureChannels() {
        Arbitrary<String> id = Arbitraries.oneOf(
                Arbitraries.of(fixture.allIds()),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withChars('-', '_')
                        .ofMinLength(1)
                        .ofMaxLength(64));
        return Combinators.combine(Arbitraries.of(ChannelKind.class), id)
                .as((kind, resourceId) -> new Channel(kind, resourceId, catalog.nameOf(kind, resourceId)));
    }

    /** Names near the patterns (a real prefix with a hostile id) and far from them (any text). */
    @Provide
    Arbitrary<String> channelNames() {
        Arbitrary<String> prefix = Arbitraries.of(ChannelKind.class)
                .map(kind -> catalog.nameOf(kind, "\u0000"))
                .map(pattern -> pattern.substring(0, pattern.indexOf('\u0000')));
        Arbitrary<String> hostileId = Arbitraries.oneOf(
                Arbitraries.of(fixture.allIds()),
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.of("", ".", "..", "*", "%", "../x", "a.b", "a b", "ten0-t1\n", "ＡＢ", "x".repeat(65)));
        return Arbitraries.oneOf(
                Combinators.combine(prefix, hostileId).as(String::concat),
                Arbitraries.strings().ofMaxLength(100));
    }
}
