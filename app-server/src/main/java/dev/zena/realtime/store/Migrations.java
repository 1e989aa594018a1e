package dev.zena.realtime.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the latest schema with the versioned scripts of its dialect: one folder per database
 * under {@code db/migration}, the same version numbers for the same schema in each (ADR 0017).
 */
final class Migrations {
    static final String SQLITE = "classpath:db/migration/sqlite";
    static final String POSTGRESQL = "classpath:db/migration/postgresql";

    private Migrations() {}

    /**
     * Called on every open, before any other use, with the dialect's location; a no-op when the schema is current.
     * Returns the version. On PostgreSQL Flyway holds its own advisory lock meanwhile, so nodes starting together
     * migrate once.
     */
    static String migrate(DataSource dataSource, String location) {
        try {
            MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(location)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }
}
