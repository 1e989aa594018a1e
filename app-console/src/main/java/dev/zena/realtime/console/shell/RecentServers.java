package dev.zena.realtime.console.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.console.client.AdminJson;
import dev.zena.realtime.console.client.ServerAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the connect dialog offers, newest first, kept in {@code recent.json} in the console's home. Only
 * addresses are kept — never a token, never a user name or password: every address goes through
 * {@link ServerAddress} on the way in and on the way out, and a file written by an older console that still holds
 * {@code user:pass@} is rewritten clean the first time it is read.
 */
public final class RecentServers {

    private static final Logger LOG = LoggerFactory.getLogger(RecentServers.class);
    private static final int KEEP = 8;

    private final Path file;

    /** Called with the console's home directory. */
    public RecentServers(Path home) {
        this.file = home.resolve("recent.json");
    }

    /** Called when the connect dialog opens: the remembered addresses, newest first; empty when none or unreadable. */
    public List<String> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> stored = new ArrayList<>();
        try {
            JsonNode root = AdminJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            root.path("servers").forEach(s -> stored.add(s.asText()));
        } catch (IOException | RuntimeException e) {
            // the exception is not logged: its message may quote the file, and the file may hold a password
            LOG.warn(
                    "recent_servers_unreadable file={} error={}",
                    file,
                    e.getClass().getSimpleName());
            return List.of();
        }
        List<String> clean = clean(stored);
        if (!clean.equals(stored)) {
            LOG.info("recent_servers_cleaned file={} kept={} of={}", file, clean.size(), stored.size());
            write(clean);
        }
        return clean;
    }

    /** Called after a successful connect: puts {@code server} first (without userinfo, path or query). */
    public void remember(URI server) {
        String address = ServerAddress.of(server).toString();
        List<String> servers = new ArrayList<>(load());
        servers.remove(address);
        servers.add(0, address);
        write(servers);
    }

    private void write(List<String> servers) {
        ObjectNode root = AdminJson.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("servers");
        servers.stream().limit(KEEP).forEach(array::add);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    AdminJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("recent_servers_not_saved file={}", file, e);
        }
    }

    /** Every entry as {@link ServerAddress} has it, duplicates and unreadable entries dropped, order kept. */
    private static List<String> clean(List<String> stored) {
        Set<String> clean = new LinkedHashSet<>();
        for (String entry : stored) {
            try {
                clean.add(ServerAddress.parse(entry).toString());
            } catch (IllegalArgumentException e) {
                LOG.info("recent_server_dropped reason=not_an_address");
            }
        }
        return List.copyOf(clean);
    }
}
