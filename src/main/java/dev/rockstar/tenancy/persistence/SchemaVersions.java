package dev.rockstar.tenancy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where the database's schema stood once this node's migrations had run at start: the framework's
 * version ({@value FrameworkSchemaHistory#TABLE}) and the application's (Flyway's own history),
 * which say what shape the tenant-owned tables have. Archives carry both.
 */
@ApplicationScoped
public class SchemaVersions {

    private volatile String framework;
    private volatile String application;

    void migrated(String framework, String application) {
        this.framework = framework;
        this.application = application;
    }

    /** The framework's schema version, such as {@code "14"}. */
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
