package dev.zena.realtime.sync;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.zena.realtime.store.Store;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one import logic (SPEC §8 and the sync extras of §6), shared by the {@code import} command, the demo data
 * and {@code POST /api/v1/sync}: parse, validate against the document and the store, then apply atomically.
 * Thread-safe; concurrent imports are serialised by the store's transaction.
 */
public final class Importer {
    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

    private final Store store;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Called once at wiring time with the store to validate against and write to. */
    public Importer(Store store) {
        this.store = store;
    }

    /**
     * Called per import document: upserts by id, applies {@code deleted} and {@code revoked_jtis}, and with
     * {@code replace} deletes every tenant, user, project and task the document lacks. All or nothing.
     *
     * @throws ImportException naming every offending entry (up to {@link ImportErrors#LIMIT}); nothing written
     */
    public ImportReport importDocument(byte[] json, boolean replace) throws ImportException {
        try {
            ImportReport report = validateAndApply(json, replace);
            LOG.info("import_applied replace={} {}", replace, report.toMap());
            return report;
        } catch (ImportException e) {
            LOG.info("import_refused replace={} errors={}", replace, e.errors().size() + e.omitted());
            throw e;
        }
    }

    private ImportReport validateAndApply(byte[] json, boolean replace) throws ImportException {
        ImportErrors errors = new ImportErrors();
        JsonNode root = parse(json, errors);
        errors.throwIfAny();
        ImportDocument document = new DocumentReader(errors).read(root);
        errors.throwIfAny();
        new DocumentValidator(store, errors).validate(document, replace);
        errors.throwIfAny();
        ChangePlan.Planned planned = ChangePlan.plan(store, document, replace);
        store.apply(planned.changes());
        return planned.report();
    }

    private JsonNode parse(byte[] json, ImportErrors errors) {
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || root.isMissingNode()) {
                errors.add("document", "", "the document is empty: expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            errors.add("document", "", "malformed JSON" + where + ": " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            errors.add("document", "", "unreadable document: " + e.getMessage());
            return null;
        }
    }
}
