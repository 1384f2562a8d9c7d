package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Java migration for what only PostgreSQL has (roles, row-level security, functions): on H2 it
 * changes nothing but still counts as its version, so both databases keep one version history.
 * Its checksum is its version, fixed: the SQL it runs is in the code, and a changed checksum would
 * fail every database that already ran it.
 */
abstract class PostgresOnlyMigration implements JavaMigration {

    private final int version;
    private final String description;

    PostgresOnlyMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (Postgres.is(connection)) {
            migratePostgres(connection);
        }
    }

    abstract void migratePostgres(Connection connection) throws Exception;
}
