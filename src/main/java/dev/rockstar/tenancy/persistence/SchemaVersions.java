package dev.rockstar.tenancy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where the database's schema stood once this node's migrations had run at start: the version of
 * the framework's tenant-owned tables ({@value PlacementMigrations#FRAMEWORK_TABLE}, the same in
 * every placement) and the application's (Flyway's own history), which say what shape the
 * tenant-owned rows have. Archives carry both. In the tenant-owned tables' set a migration that
 * changes the rows' shape takes the next whole version, one that does not (a function, an index)
 * a point version: rows of 14 and 14.1 have one shape.
 */
@ApplicationScoped
public class SchemaVersions {

    private volatile String framework;
    private volatile String application;

    void migrated(String framework, String application) {
        this.framework = framework;
        this.application = application;
    }

    /** Whether the main database's migrations ran on this node (a failed one fails the deployment). */
    public boolean isMigrated() {
        return framework != null;
    }

    /** The version of the framework's tenant-owned tables, such as {@code "14.1"}. */
    public String framework() {
        return Objects.requireNonNull(framework, "the schema migrations have not run");
    }

    /** The application's schema version; empty when it has no migrations of its own. */
    public Optional<String> application() {
        return Optional.ofNullable(application);
    }

    /** Compares two versions as Flyway orders them ({@code "9" < "10" < "10.1"}). */
    public static int compare(String left, String right) {
        return MigrationVersion.fromVersion(left).compareTo(MigrationVersion.fromVersion(right));
    }

    /** Whether rows of the two versions have one shape: their whole versions are equal. */
    public static boolean sameRowShape(String left, String right) {
        return major(left).equals(major(right));
    }

    /** The whole version: {@code "14"} of {@code "14.1"}. */
    public static String major(String version) {
        return MigrationVersion.fromVersion(version).getMajorAsString();
    }

    /** Whether the text is a version Flyway can read. */
    public static boolean isVersion(String text) {
        try {
            MigrationVersion.fromVersion(text);
            return text != null && !text.isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
