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
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where tenants' rows can live, as the deployment declares it: {@value #SHARED}, the tenant-owned
 * tables of the main schema, and any number of other placements ({@code tenancy.placements=premium,eu}),
 * each with tenant-owned tables of its own:
 * <ul>
 * <li>a schema placement: a schema of the main database, by default {@code tenancy_<name>}
 * ({@code tenancy.placement.<name>.schema} names another), reached through the main pool;</li>
 * <li>a database placement: a database of its own, reached through a datasource (a pool) of its
 * own named by JNDI in {@code tenancy.placement.<name>.datasource}, its migrations through
 * {@code tenancy.placement.<name>.migration-datasource} (the owner's; by default the same). Its
 * tables are in that database's own schema, whichever the owner's role works in.</li>
 * </ul>
 * A placement may hold one tenant or many. Which placement a tenant is in is the registry's (its
 * {@code placement} column); this knows the placements, their schemas and datasources, and whether
 * each is up (its migrations ran).
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
     * A placement: its schema in the main database ({@code null} for {@value #SHARED}, the main
     * schema whatever it is called, and for a database placement), or the JNDI names of its own
     * database's datasources.
     */
    public record Placement(String name, String schema, String dataSource, String migrationDataSource) {

        /** A schema placement. */
        public Placement(String name, String schema) {
            this(name, schema, null, null);
        }

        public boolean shared() {
            return schema == null && dataSource == null;
        }

        /** Whether its rows are in a database of its own, not the main database. */
        public boolean database() {
            return dataSource != null;
        }
    }

    private volatile Map<String, Placement> declared = Map.of(SHARED, new Placement(SHARED, null));
    /** Whether {@link #declared} holds a database placement: asked whenever a tenant's EntityManager opens. */
    private volatile boolean anyDatabase;

    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    /** A database placement's schema, as its migrations found it: its datasource's own. */
    private final Map<String, String> databaseSchemas = new ConcurrentHashMap<>();

    private final Map<String, DataSource> dataSources = new ConcurrentHashMap<>();
    private volatile String mainSchema;
    private volatile String mainSearchPath;

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig();
        Map<String, Placement> parsed = parse(
                config.getOptionalValue(LIST_KEY, String.class),
                (name, key) -> config.getOptionalValue("tenancy.placement." + name + "." + key, String.class));
        declared = parsed;
        anyDatabase = parsed.values().stream().anyMatch(Placement::database);
    }

    /**
     * The placements of a declaration, {@value #SHARED} first.
     *
     * @param setting a placement's setting ({@code schema}, {@code datasource},
     *     {@code migration-datasource}) by placement name and key
     * @throws IllegalStateException for a name, schema or datasource that cannot be one, or one given twice
     */
    static Map<String, Placement> parse(Optional<String> list, BiFunction<String, String, Optional<String>> setting) {
        Map<String, Placement> placements = new LinkedHashMap<>();
        placements.put(SHARED, new Placement(SHARED, null));
        Map<String, String> schemas = new LinkedHashMap<>();
        Map<String, String> databases = new LinkedHashMap<>();
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
            Optional<String> dataSource = given(setting.apply(name, "datasource"));
            Optional<String> givenSchema = given(setting.apply(name, "schema"));
            if (dataSource.isPresent()) {
                if (givenSchema.isPresent()) {
                    throw new IllegalStateException("tenancy.placement." + name + ": a schema and a datasource"
                            + " given; a database placement's tables are in its database's own schema");
                }
                String other = databases.putIfAbsent(dataSource.get(), name);
                if (other != null) {
                    throw new IllegalStateException("The placements '" + other + "' and '" + name
                            + "' both name the datasource " + dataSource.get());
                }
                placements.put(
                        name,
                        new Placement(
                                name,
                                null,
                                dataSource.get(),
                                given(setting.apply(name, "migration-datasource"))
                                        .orElse(dataSource.get())));
                continue;
            }
            String schema = givenSchema.orElse("tenancy_" + name.replace('-', '_'));
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

    private static Optional<String> given(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Every placement's name, {@value #SHARED} first, then as declared. */
    public List<String> names() {
        return List.copyOf(declared.keySet());
    }

    /** The placements besides {@value #SHARED}, schema and database ones, as declared. */
    public List<Placement> declaredPlacements() {
        List<Placement> others = new ArrayList<>();
        declared.values().stream().filter(p -> !p.shared()).forEach(others::add);
        return others;
    }

    /** The schema placements: schemas of the main database (without {@value #SHARED}). */
    public List<Placement> schemaPlacements() {
        return declaredPlacements().stream().filter(p -> !p.database()).toList();
    }

    /** The database placements. */
    public List<Placement> databasePlacements() {
        return declaredPlacements().stream().filter(Placement::database).toList();
    }

    /** Whether any database placement is declared: without one, every tenant's rows are in the main database. */
    public boolean anyDatabase() {
        return anyDatabase;
    }

    /** Whether the placement's rows are in a database of its own. */
    public boolean isDatabase(String name) {
        return find(name).map(Placement::database).orElse(false);
    }

    /**
     * Whether two placements' tables are in one database, so that one local transaction (and one
     * {@code INSERT ... SELECT}) reaches both: {@value #SHARED} and the schema placements are all
     * in the main database; a database placement only with itself.
     */
    public boolean sameDatabase(String one, String other) {
        return one.equals(other) || (!isDatabase(one) && !isDatabase(other));
    }

    /**
     * The datasource of the placement's tables: its own for a database placement, else the
     * application's. Looked up once.
     *
     * @throws PlacementUnavailableException 503 when it cannot be looked up
     */
    public DataSource dataSourceOf(String name) {
        Placement placement = find(name).orElseThrow(() -> undeclared(name));
        if (!placement.database()) {
            return lookup(TenancyDataSource.jndiName());
        }
        return lookup(placement.dataSource());
    }

    /** The datasource the placement's migrations log in with: the owner's. */
    DataSource migrationDataSourceOf(Placement placement) {
        return lookup(placement.migrationDataSource());
    }

    private DataSource lookup(String jndiName) {
        DataSource known = dataSources.get(jndiName);
        if (known != null) {
            return known;
        }
        try {
            DataSource found = (DataSource) new InitialContext().lookup(jndiName);
            dataSources.put(jndiName, found);
            return found;
        } catch (NamingException | ClassCastException e) {
            throw new PlacementUnavailableException("The datasource " + jndiName + " cannot be found");
        }
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

    /**
     * The schema the placement's tables are in, as SQL names it (quoted): in the main database, or
     * for a database placement in its own (once its migrations found it).
     */
    public String schemaOf(String name) {
        Placement placement = find(name).orElseThrow(() -> undeclared(name));
        if (placement.database()) {
            String schema = databaseSchemas.get(name);
            if (schema == null) {
                throw new PlacementUnavailableException("The placement '" + name + "' has not been reached yet");
            }
            return quoted(schema);
        }
        return quoted(placement.shared() ? mainSchema() : placement.schema());
    }

    void databaseSchema(String name, String schema) {
        databaseSchemas.put(name, schema);
    }

    private static PlacementUnavailableException undeclared(String name) {
        return new PlacementUnavailableException(
                "The placement '" + name + "' is not declared on this node (tenancy.placements)");
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
