package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementsTest {

    private static Map<String, Placements.Placement> parse(String list, Map<String, String> schemas) {
        return Placements.parse(
                Optional.ofNullable(list),
                (name, key) -> key.equals("schema") ? Optional.ofNullable(schemas.get(name)) : Optional.empty());
    }

    @Test
    void withoutDeclarationThereIsOnlyShared() {
        Map<String, Placements.Placement> placements = parse(null, Map.of());
        assertEquals(List.of("shared"), List.copyOf(placements.keySet()));
        assertTrue(placements.get("shared").shared());
    }

    @Test
    void schemaPlacementsGetASchemaOfTheirOwnInDeclaredOrder() {
        Map<String, Placements.Placement> placements = parse(" premium , eu-west,", Map.of("eu-west", "tenants_eu"));
        assertEquals(List.of("shared", "premium", "eu-west"), List.copyOf(placements.keySet()));
        assertEquals("tenancy_premium", placements.get("premium").schema());
        assertEquals("tenants_eu", placements.get("eu-west").schema());
        assertFalse(placements.get("premium").shared());
    }

    @Test
    void aDefaultSchemaSpellsHyphensAsUnderscores() {
        assertEquals(
                "tenancy_eu_west", parse("eu-west", Map.of()).get("eu-west").schema());
    }

    @Test
    void namesThatCannotBePlacementsAreRefused() {
        for (String bad : List.of("Premium", "1st", "pre mium", "shared", "a".repeat(41), "prem;drop")) {
            assertThrows(IllegalStateException.class, () -> parse(bad, Map.of()), bad);
        }
    }

    @Test
    void aPlacementDeclaredTwiceIsRefused() {
        assertThrows(IllegalStateException.class, () -> parse("premium,premium", Map.of()));
    }

    @Test
    void schemasThatCannotHoldAPlacementAreRefused() {
        for (String bad : List.of("public", "pg_catalog", "Upper", "semi;colon", "a\"b", "x".repeat(64))) {
            assertThrows(IllegalStateException.class, () -> parse("premium", Map.of("premium", bad)), bad);
        }
    }

    @Test
    void twoPlacementsInOneSchemaAreRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> parse("premium,gold", Map.of("premium", "tenants", "gold", "tenants")));
    }

    @Test
    void quotingDoublesQuotes() {
        assertEquals("\"a\"\"b\"", Placements.quoted("a\"b"));
    }

    @Test
    void aPlacementWithADatasourceIsADatabaseOfItsOwn() {
        Map<String, Placements.Placement> placements = Placements.parse(
                Optional.of("premium,vault"),
                (name, key) -> name.equals("vault") && key.equals("datasource")
                        ? Optional.of(" jdbc/vault ")
                        : Optional.empty());
        Placements.Placement vault = placements.get("vault");
        assertTrue(vault.database());
        assertFalse(vault.shared());
        assertEquals("jdbc/vault", vault.dataSource());
        assertEquals("jdbc/vault", vault.migrationDataSource(), "migrations default to the placement's datasource");
        assertFalse(placements.get("premium").database());
    }

    @Test
    void aDatabasePlacementTakesNoSchemaAndNoOtherPlacementsDatasource() {
        assertThrows(
                IllegalStateException.class,
                () -> Placements.parse(
                        Optional.of("vault"), (name, key) -> Optional.of(key.equals("schema") ? "x" : "jdbc/vault")));
        assertThrows(
                IllegalStateException.class,
                () -> Placements.parse(
                        Optional.of("one,two"),
                        (name, key) -> key.equals("datasource") ? Optional.of("jdbc/same") : Optional.empty()));
    }
}
