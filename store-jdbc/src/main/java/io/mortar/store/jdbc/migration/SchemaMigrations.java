package io.mortar.store.jdbc.migration;

import static java.util.Objects.requireNonNull;

import io.mortar.store.jdbc.StoreDialect;
import io.mortar.store.jdbc.StoreOpenException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema up to date with Flyway: the numbered scripts in {@code migration/common/} (one script for
 * both databases, with the dialect's {@linkplain StoreDialect#schemaPlaceholders placeholders}), those only one
 * database needs in {@code migration/<dialect>/}, and the Java steps beside them, each applied once, in order, in
 * its own transaction, and recorded with its checksum in {@code flyway_schema_history}. A script edited after a store applied it fails the next start (Flyway validates
 * every checksum first), so a change to the schema is always a new migration.
 *
 * <p>Stores made before Flyway kept their history in {@code schema_version} (one row per script applied, by the
 * same numbers). Such a store is baselined at its last version the first time it is opened here, so Flyway applies
 * only what came after; V8 then drops the old table. A database that holds other tables but no history of either
 * kind is baselined at version 0, so every migration runs, as the old migrator did.
 */
public final class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    private static final String LEGACY_HISTORY = "schema_version";

    private final StoreDialect dialect;

    public SchemaMigrations(StoreDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect");
    }

    /** Applies every migration the store lacks. */
    public void migrate(DataSource dataSource) {
        migrate(dataSource, MigrationVersion.LATEST);
    }

    /** Applies the migrations up to {@code target} (tests start from an older schema so). */
    public void migrate(DataSource dataSource, MigrationVersion target) {
        MigrateResult result;
        try {
            result = flyway(dataSource, target).migrate();
        } catch (FlywayException e) {
            throw new StoreOpenException("The " + dialect.name().toLowerCase(Locale.ROOT) + " store's schema cannot be"
                    + " brought up to date: " + withoutAdvice(e.getMessage()) + (isChecksumMismatch(e)
                    ? "\nA migration script was edited after this store applied it. Never edit an applied migration:"
                    + " restore the script as it was and add a new migration for the change." : ""), e);
        }
        if (result.migrationsExecuted > 0) {
            LOG.info("Applied {} store migration(s) ({}): schema version {} -> {}", result.migrationsExecuted,
                    dialect, result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion);
        }
    }

    private static boolean isChecksumMismatch(FlywayException e) {
        return e.getMessage() != null && e.getMessage().contains("checksum mismatch");
    }

    /** Flyway's message without its lines of advice (its repair command, its help pages), which are not ours. */
    private static String withoutAdvice(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().filter(line -> !line.startsWith("Either revert") && !line.startsWith("Need more")
                && !line.contains("://")).collect(Collectors.joining("\n")).strip();
    }

    private Flyway flyway(DataSource dataSource, MigrationVersion target) {
        Optional<String> legacy = legacyVersion(dataSource);
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:io/mortar/store/jdbc/migration/common",
                        "classpath:io/mortar/store/jdbc/migration/" + dialect.migrationFolder())
                .javaMigrations(new V2_1__Backfill_partition_value_keys())
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .placeholders(dialect.schemaPlaceholders())
                .baselineOnMigrate(true)
                .baselineVersion(legacy.orElse("0"))
                .baselineDescription(legacy.isPresent() ? "schema_version before Flyway" : "a schema with other tables")
                .target(target)
                .load();
    }

    /** The last version a store made before Flyway recorded in {@code schema_version}, if it is such a store. */
    private static Optional<String> legacyVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet tables = meta.getTables(null, null, LEGACY_HISTORY, new String[] {"TABLE"})) {
                if (!tables.next()) {
                    return Optional.empty();
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + LEGACY_HISTORY)) {
                return rs.next() && rs.getInt(1) > 0 ? Optional.of(Integer.toString(rs.getInt(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreOpenException("Cannot read the store's schema history: " + e.getMessage(), e);
        }
    }
}
