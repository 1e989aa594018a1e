package dev.zena.realtime.auth;

import dev.zena.realtime.store.Accounts;
import dev.zena.realtime.store.User;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An in-memory {@link Accounts} holding a fixed set of users and revoked ids. */
final class FakeAccounts implements Accounts {

    private final Map<String, User> users;
    private final Set<String> revoked;

    FakeAccounts(Set<String> revoked, User... users) {
        this.users = Stream.of(users).collect(Collectors.toUnmodifiableMap(User::id, Function.identity()));
        this.revoked = Set.copyOf(revoked);
    }

    @Override
    public Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public boolean isRevoked(String jti) {
        return revoked.contains(jti);
    }
}
