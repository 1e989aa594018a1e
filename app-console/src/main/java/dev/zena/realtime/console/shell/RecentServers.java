package dev.zena.realtime.console.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.console.client.AdminJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers the connect dialog offers, newest first, kept in {@code recent.json} in the console's home. Only
 * addresses are kept — never a token.
 */
public final class RecentServers {

    private static final Logger LOG = LoggerFactory.getLogger(RecentServers.class);
    private static final int KEEP = 8;

    private final Path file;

    /** Called with the console's home directory. */
    public RecentServers(Path home) {
        this.file = home.resolve("recent.json");
    }

    /** The remembered addresses, newest first; empty when none or unreadable. */
    public List<String> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = AdminJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            List<String> servers = new ArrayList<>();
            root.path("servers").forEach(s -> servers.add(s.asText()));
            return List.copyOf(servers);
        } catch (IOException | RuntimeException e) {
            LOG.warn("recent_servers_unreadable file={}", file, e);
            return List.of();
        }
    }

    /** Called after a successful connect: puts {@code server} first. */
    public void remember(URI server) {
        List<String> servers = new ArrayList<>(load());
        servers.remove(server.toString());
        servers.add(0, server.toString());
        ObjectNode root = AdminJson.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("servers");
        servers.stream().limit(KEEP).forEach(array::add);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, AdminJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("recent_servers_not_saved file={}", file, e);
        }
    }
}
