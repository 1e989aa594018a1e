package dev.zena.realtime.sync;

import dev.zena.realtime.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled demo document ({@code demo/demo-data.json}, described in {@code docs/demo-data.md}): two tenants
 * with a user of every role, loaded through the same {@link Importer} as any other document.
 */
public final class DemoData {
    /** Class-path location of the demo document. */
    public static final String RESOURCE = "/demo/demo-data.json";

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {}

    /**
     * Called by {@code serve --demo} at start-up: imports the demo document when the store has no tenant.
     * Returns true when it loaded, false when the store already had data (which is left untouched).
     */
    public static boolean loadIfEmpty(Store store) {
        if (!store.tenants().isEmpty()) {
            return false;
        }
        try {
            ImportReport report = new Importer(store).importDocument(document(), false);
            LOG.info("demo_loaded {}", report.toMap());
            return true;
        } catch (ImportException e) {
            throw new IllegalStateException("the bundled demo data is invalid: " + e.getMessage(), e);
        }
    }

    /** The bundled document's bytes; called by {@link #loadIfEmpty} and by tools that want to show it. */
    public static byte[] document() {
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo data missing from the class path: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
