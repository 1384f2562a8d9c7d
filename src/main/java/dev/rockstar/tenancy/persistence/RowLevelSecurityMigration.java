package dev.rockstar.tenancy.persistence;

import java.sql.Connection;

/**
 * Migration V8, kept as a version so that every database keeps one history. It once put the
 * tenant-owned tables of its day under row-level security and created the operators' two
 * functions across tenants. Both moved: the policies are {@link RowLevelSecurityPolicies}', which
 * runs after every migration over every tenant-owned table the mapping knows (a database that ran
 * the old V8 already has them, and keeps them unchanged), and V10
 * ({@link CrossTenantFunctionsMigration}) replaces the functions. So on a new database it changes
 * nothing.
 */
final class RowLevelSecurityMigration extends PostgresOnlyMigration {

    RowLevelSecurityMigration() {
        super(8, "row level security");
    }

    @Override
    void migratePostgres(Connection connection) {
        // nothing left to do: see the class comment
    }
}
