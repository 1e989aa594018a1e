package dev.zena.realtime.cli;

import dev.zena.realtime.config.ServerConfig;
import dev.zena.realtime.store.Store;
import dev.zena.realtime.sync.ImportException;
import dev.zena.realtime.sync.ImportReport;
import dev.zena.realtime.sync.Importer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import FILE [--replace]}: loads an import document (SPEC §8), all or nothing. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Load tenants, users, projects, tasks and role permissions from a JSON document.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "FILE", description = "The import document (JSON).")
    Path file;

    @Option(names = "--replace", description = "Delete what the file lacks (tenants, users, projects, tasks).")
    boolean isReplace;

    @Override
    public Integer call() {
        byte[] document;
        try {
            document = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage(), 2);
        }
        ServerConfig config = options.load(Map.of());
        try (Store store = ConfigOptions.openStore(config)) {
            ImportReport report = new Importer(store).importDocument(document, isReplace);
            options.out().println("Imported " + file + ": " + report.toMap());
            return 0;
        } catch (ImportException e) {
            throw new CliFailure("import refused, nothing was changed:\n" + e.getMessage(), 1);
        }
    }
}
