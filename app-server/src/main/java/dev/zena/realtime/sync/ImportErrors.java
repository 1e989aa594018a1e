package dev.zena.realtime.sync;

import java.util.ArrayList;
import java.util.List;

/** Collects the mistakes of one import run, keeping the first {@link #LIMIT}. Not thread-safe; one per run. */
final class ImportErrors {
    /** More errors than this are counted, not kept: the first ones are enough to fix a file. */
    static final int LIMIT = 20;

    private final List<ImportError> kept = new ArrayList<>();
    private int omitted;

    /** Called by readers and validators for each mistake found. */
    void add(String entry, String field, String message) {
        if (kept.size() < LIMIT) {
            kept.add(new ImportError(entry, field, message));
        } else {
            omitted++;
        }
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    /** Called between phases: stops the run when anything is wrong. */
    void throwIfAny() throws ImportException {
        if (!kept.isEmpty()) {
            throw new ImportException(kept, omitted);
        }
    }
}
