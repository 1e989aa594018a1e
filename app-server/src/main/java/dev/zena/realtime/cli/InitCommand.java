package dev.zena.realtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.ImportException;
import dev.zena.realtime.sync.Importer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code init --tenant ID --tenant-name NAME --admin ID --name NAME --email EMAIL}: the first step on a fresh
 * install, whose store has no user for {@code token} to sign for. It is an import of a two-entry document (the
 * tenant and its admin), so it validates and upserts exactly as {@code import} does and can be run again.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Create (or update) a tenant and its first admin in the store, so that `token` has a user.")
final class InitCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--tenant", required = true, paramLabel = "ID", description = "The tenant id (as in ZenaManage).")
    String tenantId;

    @Option(names = "--tenant-name", paramLabel = "NAME", description = "The tenant's name (default: its id).")
    String tenantName;

    @Option(names = "--admin", required = true, paramLabel = "ID", description = "The admin's user id.")
    String adminId;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The admin's name.")
    String adminName;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The admin's email.")
    String email;

    @Option(
            names = "--role",
            defaultValue = "admin",
            paramLabel = "ROLE",
            description = "admin (the tenant's admin API) or super_admin (every tenant); default admin.")
    String role;

    @Override
    public Integer call() {
        if (!role.equals("admin") && !role.equals("super_admin")) {
            throw new CliFailure("--role " + role + ": must be admin or super_admin", 2);
        }
        ServerConfig config = options.load(Map.of());
        try (Store store = ConfigOptions.openStore(config)) {
            new Importer(store).importDocument(document(), false);
        } catch (ImportException e) {
            throw new CliFailure("init refused, nothing was changed:\n" + e.getMessage(), 1);
        }
        options.out()
                .println("Tenant " + tenantId + " and its " + role + " " + adminId + " are in the store "
                        + dev.zena.realtime.config.UrlPasswords.mask(config.db()) + ".");
        options.out()
                .println("Next: a token for the console (a working day):  zena-server token --user " + adminId
                        + " --ttl 10h > console.token");
        return 0;
    }

    private byte[] document() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.putArray("tenants")
                .addObject()
                .put("id", tenantId)
                .put("name", tenantName == null ? tenantId : tenantName);
        root.putArray("users")
                .addObject()
                .put("id", adminId)
                .put("tenant_id", tenantId)
                .put("name", adminName)
                .put("email", email)
                .put("role", role)
                .put("is_active", true);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
