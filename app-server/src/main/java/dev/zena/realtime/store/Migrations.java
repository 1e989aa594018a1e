package dev.zena.realtime.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the latest schema with the versioned scripts under {@code db/migration}. */
final class Migrations {
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** Called on every open, before any other use; a no-op when the schema is current. Returns the version. */
    static String migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }
}
