package dev.zena.realtime.sync;

import java.util.List;

/**
 * Thrown by {@link Importer} when a document has mistakes; nothing was written. {@link #getMessage()} lists
 * every collected error, one per line.
 */
public final class ImportException extends Exception {
    private final List<ImportError> errors;
    private final int omitted;

    /** Called by the importer with the errors it collected and how many more it stopped counting. */
    public ImportException(List<ImportError> errors, int omitted) {
        super(describe(errors, omitted));
        this.errors = List.copyOf(errors);
        this.omitted = omitted;
    }

    /** The collected errors in document order of discovery (at most {@link ImportErrors#LIMIT}). */
    public List<ImportError> errors() {
        return errors;
    }

    /** How many further errors were found but not kept. */
    public int omitted() {
        return omitted;
    }

    private static String describe(List<ImportError> errors, int omitted) {
        StringBuilder text = new StringBuilder("import refused, nothing was changed (")
                .append(errors.size() + omitted)
                .append(errors.size() + omitted == 1 ? " error):" : " errors):");
        errors.forEach(error -> text.append("\n  ").append(error));
        if (omitted > 0) {
            text.append("\n  … and ").append(omitted).append(" more");
        }
        return text.toString();
    }
}
