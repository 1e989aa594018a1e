package dev.zena.realtime.pusher;

import dev.zena.realtime.access.AccessPolicy;
import dev.zena.realtime.access.Channel;
import dev.zena.realtime.access.ChannelCatalog;
import dev.zena.realtime.access.Check;
import dev.zena.realtime.access.Decision;
import dev.zena.realtime.config.LaravelConfig;
import dev.zena.realtime.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from Laravel channel names to channels of SPEC §4.1 ({@code laravel.channels}), used by every
 * ingress path (the Pusher HTTP API, the Redis listener), by {@code /broadcasting/auth}, by {@code /app/{key}}
 * subscriptions and by {@code check}. Rules are tried in order; the first whose pattern matches the whole name
 * wins. Immutable and thread-safe.
 */
public final class LaravelChannels {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final String TENANT = "tenant_id";

    private final List<CompiledRule> rules = new ArrayList<>();
    private final ChannelCatalog catalog;
    private final AccessPolicy policy;

    /** Built once per server from the validated rules. */
    public LaravelChannels(List<LaravelConfig.Rule> rules, ChannelCatalog catalog, AccessPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
        for (LaravelConfig.Rule rule : rules) {
            this.rules.add(CompiledRule.of(rule));
        }
    }

    /**
     * What a Laravel name maps to: the channel, and the tenant the name states ({@code {tenant_id}}, or null when
     * its rule has none). Empty when no rule matches, or the filled-in channel name matches no channel pattern.
     * Touches no store: whether the resource exists is {@link #resolve}'s question.
     */
    public Optional<Mapping> map(String laravelName) {
        if (laravelName == null) {
            return Optional.empty();
        }
        for (CompiledRule rule : rules) {
            Matcher m = rule.pattern.matcher(laravelName);
            if (!m.matches()) {
                continue;
            }
            String channelName = rule.channel;
            String tenant = null;
            for (int i = 0; i < rule.names.size(); i++) {
                String value = m.group(i + 1);
                channelName = channelName.replace("{" + rule.names.get(i) + "}", value);
                if (TENANT.equals(rule.names.get(i))) {
                    tenant = value;
                }
            }
            Optional<Channel> channel = catalog.parse(channelName);
            if (channel.isPresent()) {
                return Optional.of(new Mapping(laravelName, channel.get(), tenant, rule.source.toString()));
            }
        }
        return Optional.empty();
    }

    /**
     * Called by the ingress paths before delivering: the mapping, when the name maps and its resource exists in
     * the tenant the name states (if it states one). Answers the resource's tenant with it: the only tenant the
     * event may reach.
     */
    public Optional<Target> resolve(String laravelName) {
        Mapping mapping = map(laravelName).orElse(null);
        if (mapping == null) {
            return Optional.empty();
        }
        Optional<String> owner = policy.ownerTenant(mapping.channel());
        if (owner.isEmpty()
                || mapping.statedTenant() != null && !mapping.statedTenant().equals(owner.get())) {
            return Optional.empty();
        }
        return Optional.of(new Target(mapping, owner.get()));
    }

    /**
     * Called by {@code /broadcasting/auth}, {@code /app/{key}} and {@code check}: true when the name states a
     * tenant and the mapped resource is not in it (or does not exist), so the name denotes nothing.
     */
    public boolean contradictsTenant(Mapping mapping) {
        return mapping.statedTenant() != null
                && !policy.ownerTenant(mapping.channel())
                        .map(mapping.statedTenant()::equals)
                        .orElse(false);
    }

    /**
     * Called by {@code check} (and any caller that explains a decision) for a name that matches no channel pattern:
     * the decision for {@code userId} on the channel a Laravel name maps to, with a first check saying the mapping
     * (and, for a name stating another tenant, a failing check and 404 once the user is known). Empty when the name
     * maps to nothing.
     */
    public Optional<Decision> explain(String userId, String laravelName) {
        Mapping mapping = map(laravelName).orElse(null);
        if (mapping == null) {
            return Optional.empty();
        }
        Decision decision = policy.explain(userId, mapping.channel().name());
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(
                "laravel",
                true,
                laravelName + " maps to " + mapping.channel().name() + " (rule " + mapping.rule() + ")"));
        if (decision.status() != 401 && contradictsTenant(mapping)) {
            checks.add(decision.checks().get(0));
            checks.add(new Check(
                    "laravel_tenant",
                    false,
                    "the name states tenant " + mapping.statedTenant() + ", which does not own "
                            + mapping.channel().name()));
            return Optional.of(new Decision(404, ErrorCode.NOT_FOUND, Decision.NOT_FOUND_MESSAGE, checks));
        }
        checks.addAll(decision.checks());
        return Optional.of(new Decision(decision.status(), decision.code(), decision.message(), checks));
    }

    /** A Laravel name with the channel it maps to, the tenant it states (nullable) and the rule that matched. */
    public record Mapping(String laravelName, Channel channel, String statedTenant, String rule) {

        /** True for {@code presence-*} names: subscribers are announced as members (SPEC §12). */
        public boolean isPresence() {
            return laravelName.startsWith("presence-");
        }

        /** True for {@code private-*} and {@code presence-*} names, which need an {@code auth} to subscribe. */
        public boolean needsAuth() {
            return laravelName.startsWith("private-") || isPresence();
        }
    }

    /** A mapping whose resource exists, with the tenant that owns it. */
    public record Target(Mapping mapping, String tenantId) {

        public String channelName() {
            return mapping.channel().name();
        }
    }

    private record CompiledRule(LaravelConfig.Rule source, Pattern pattern, List<String> names, String channel) {

        static CompiledRule of(LaravelConfig.Rule rule) {
            StringBuilder regex = new StringBuilder();
            List<String> names = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(rule.laravel());
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(rule.laravel().substring(last, m.start())));
                regex.append('(').append(ChannelCatalog.ID.pattern()).append(')');
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(rule.laravel().substring(last)));
            return new CompiledRule(rule, Pattern.compile(regex.toString()), names, rule.channel());
        }
    }
}
