package dev.zena.realtime.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML configuration file into flat dotted keys. Dotted keys ({@code heartbeat.interval: 30}) and
 * nested maps ({@code heartbeat: {interval: 30}}) may be mixed; a list becomes comma-separated text; a null value
 * counts as not set. Keys are not checked here.
 */
final class ConfigFile {

    private ConfigFile() {}

    /** Called once per load with the {@code --config} path. */
    static Map<String, String> read(Path file) throws ConfigException {
        JsonNode root;
        try {
            YAMLMapper mapper = YAMLMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();
            root = mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw ConfigException.ofFile(
                    "config file " + file + ": not valid YAML: " + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw ConfigException.ofFile("config file " + file + ": cannot read it: " + e, e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw ConfigException.ofFile("config file " + file + ": must be a mapping of keys to values", null);
        }
        flatten("", root, flat, file);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat, Path file)
            throws ConfigException {
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, flat, file);
            } else if (!value.isNull()) {
                put(flat, key, text(key, value, file), file);
            }
        }
    }

    private static void put(Map<String, String> flat, String key, String value, Path file) throws ConfigException {
        if (flat.putIfAbsent(key, value) != null) {
            throw ConfigException.ofKey(key, "set twice in " + file + " (once dotted, once nested)");
        }
    }

    private static String text(String key, JsonNode value, Path file) throws ConfigException {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                throw ConfigException.ofKey(key, "in " + file + ": a list may hold only plain values");
            }
            items.add(item.asText());
        }
        return String.join(",", items);
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
