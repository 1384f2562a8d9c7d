package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.problems.PlacementUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where tenants' rows can live, as the deployment declares it: {@value #SHARED}, the tenant-owned
 * tables of the main schema, and any number of schema placements ({@code tenancy.placements=premium,eu}),
 * each a schema of the same database with tenant-owned tables of its own, by default
 * {@code tenancy_<name>} ({@code tenancy.placement.<name>.schema} names another). A placement may
 * hold one tenant or many. Which placement a tenant is in is the registry's (its {@code placement}
 * column); this knows the placements, their schemas and whether each is up (its migrations ran).
 *
 * <p>An invalid declaration refuses the deployment: a tenant must never be routed to a schema
 * nobody meant.
 */
@ApplicationScoped
public class Placements {

    public static final String SHARED = "shared";
    static final String LIST_KEY = "tenancy.placements";
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * A placement and its schema ({@code null} for {@value #SHARED}: the main schema, whatever it is called).
     */
    public record Placement(String name, String schema) {

        public boolean shared() {
            return schema == null;
        }
    }

    private volatile Map<String, Placement> declared = Map.of(SHARED, new Placement(SHARED, null));
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private volatile String mainSchema;
    private volatile String mainSearchPath;

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig();
        declared = parse(
                config.getOptionalValue(LIST_KEY, String.class),
                name -> config.getOptionalValue("tenancy.placement." + name + ".schema", String.class));
    }

    /**
     * The placements of a declaration, {@value #SHARED} first.
     *
     * @throws IllegalStateException for a name or schema that cannot be one, or one given twice
     */
    static Map<String, Placement> parse(Optional<String> list, Function<String, Optional<String>> schemaOf) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        placements.put(SHARED, new Placement(SHARED, null));
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String raw : list.map(l -> l.split(",")).orElse(new String[0])) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(LIST_KEY + ": '" + name + "' is no placement name (lower-case letters,"
                        + " digits and '-', starting with a letter, at most 40)");
            }
            if (placements.containsKey(name)) {
                throw new IllegalStateException(LIST_KEY + ": the placement '" + name + "' is declared twice"
                        + (SHARED.equals(name) ? " (" + SHARED + " is always there)" : ""));
            }
            String schema = schemaOf.apply(name)
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .orElse("tenancy_" + name.replace('-', '_'));
            if (!SCHEMA.matcher(schema).matches() || schema.equals("public") || schema.startsWith("pg_")) {
                throw new IllegalStateException("tenancy.placement." + name + ".schema: '" + schema + "' is no schema a"
                        + " placement may have (lower-case letters, digits and '_', not public or pg_*)");
            }
            String other = schemas.putIfAbsent(schema, name);
            if (other != null) {
                throw new IllegalStateException(
                        "The placements '" + other + "' and '" + name + "' are both declared in the schema " + schema);
            }
            placements.put(name, new Placement(name, schema));
        }
        return Collections.unmodifiableMap(placements);
    }

    /** Every placement's name, {@value #SHARED} first, then as declared. */
    public List<String> names() {
        return List.copyOf(declared.keySet());
    }

    /** The schema placements (without {@value #SHARED}). */
    public List<Placement> schemaPlacements() {
        List<Placement> schemas = new ArrayList<>();
        declared.values().stream().filter(p -> !p.shared()).forEach(schemas::add);
        return schemas;
    }

    /** Whether any placement besides {@value #SHARED} is declared: without one, no connection is ever switched. */
    public boolean any() {
        return declared.size() > 1;
    }

    public boolean exists(String name) {
        return name != null && declared.containsKey(name);
    }

    public Optional<Placement> find(String name) {
        return Optional.ofNullable(name == null ? null : declared.get(name));
    }

    /** Up: its migrations ran. A placement that is not refuses its tenants' statements (503). */
    public boolean isAvailable(String name) {
        return exists(name) && !unavailable.containsKey(name);
    }

    /** Why a placement is not up, if it is not. */
    public Optional<String> unavailableBecause(String name) {
        return Optional.ofNullable(unavailable.get(name));
    }

    void markAvailable(String name) {
        unavailable.remove(name);
    }

    void markUnavailable(String name, String why) {
        unavailable.put(name, why);
    }

    /** The schema the placement's tables are in, as SQL names it (quoted). */
    public String schemaOf(String name) {
        Placement placement = find(name)
                .orElseThrow(() -> new PlacementUnavailableException(
                        "The placement '" + name + "' is not declared on this node (tenancy.placements)"));
        return quoted(placement.shared() ? mainSchema() : placement.schema());
    }

    /** A tenant-owned table of the placement, qualified by its schema, for SQL of the framework's own. */
    public String qualified(String placement, String table) {
        return schemaOf(placement) + "." + table;
    }

    /** The main schema, where the registry and the global tables are, as the database names it (unquoted). */
    String mainSchema() {
        String known = mainSchema;
        if (known == null) {
            throw new IllegalStateException("The schema migrations have not run");
        }
        return known;
    }

    /** PostgreSQL's search path of the application's connections before anything changes it. */
    Optional<String> mainSearchPath() {
        return Optional.ofNullable(mainSearchPath);
    }

    /**
     * @throws IllegalStateException for a placement in the main schema or one on the application's
     *     search path: its tables would be the shared ones, or would shadow them for every tenant
     */
    void main(String schema, String searchPath) {
        for (Placement placement : schemaPlacements()) {
            boolean onPath = searchPath != null
                    && Arrays.stream(searchPath.split(","))
                            .map(s -> s.strip().replace("\"", ""))
                            .anyMatch(placement.schema()::equalsIgnoreCase);
            if (placement.schema().equalsIgnoreCase(schema) || onPath) {
                throw new IllegalStateException(
                        "tenancy.placement." + placement.name() + ".schema: " + placement.schema()
                                + " is the main schema or on the application's search path (" + searchPath
                                + "); a placement needs a schema of its own");
            }
        }
        this.mainSchema = schema;
        this.mainSearchPath = searchPath;
    }

    static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
