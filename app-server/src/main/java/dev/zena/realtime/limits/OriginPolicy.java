package dev.zena.realtime.limits;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code allowed_origins} list (SPEC §5): empty allows any origin. A handshake without an {@code Origin}
 * header (not a browser) is always allowed; with one, the origin must equal an entry, compared without regard to
 * case and to a trailing slash.
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    /** Built from the validated {@code allowed_origins} entries. */
    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** Called for each handshake with its {@code Origin} header (nullable). */
    public boolean isAllowed(String origin) {
        return origin == null || allowed.isEmpty() || allowed.contains(normalise(origin));
    }

    private static String normalise(String origin) {
        String text = origin.strip().toLowerCase(Locale.ROOT);
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
