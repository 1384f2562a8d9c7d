package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantConfigParserTest {

    @Test
    void readsEverySectionAndWritesItBack() {
        TenantConfig config = TenantConfigParser.parse(json("""
                {"features":{"exports":true,"beta":false},
                 "limits":{"maxDocuments":100,"requestsPerSecond":5},
                 "branding":{"displayName":"Acme","primaryColor":"#ff0000","logoUrl":"https://acme.example/logo.png"}}
                """), "config");
        assertEquals(Map.of("exports", true, "beta", false), config.features());
        assertEquals(Map.of("maxDocuments", 100L, "requestsPerSecond", 5L), config.limits());
        assertEquals("Acme", config.branding().get("displayName"));
        assertEquals(config, TenantConfigParser.parse(TenantJson.config(config).toString()));
    }

    @Test
    void nothingIsTheEmptyConfig() {
        assertEquals(TenantConfig.EMPTY, TenantConfigParser.parse(JsonValue.NULL, "config"));
        assertEquals(TenantConfig.EMPTY, TenantConfigParser.parse(json("{}"), "config"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"colours\":{}}",
                "{\"features\":[]}",
                "{\"features\":{\"exports\":\"yes\"}}",
                "{\"features\":{\"bad key\":true}}",
                "{\"limits\":{\"maxDocument\":5}}",
                "{\"limits\":{\"maxDocuments\":-1}}",
                "{\"limits\":{\"maxDocuments\":1.5}}",
                "{\"limits\":{\"maxDocuments\":\"5\"}}",
                "{\"limits\":{\"maxDocuments\":1e30}}",
                "{\"limits\":{\"clientSharePercent\":0}}",
                "{\"limits\":{\"clientSharePercent\":101}}",
                "{\"limits\":{\"clientSharePercent\":0.5}}",
                "{\"limits\":{\"clientSharePercent\":-50}}",
                "{\"limits\":{\"clientSharePercent\":\"50%\"}}",
                "{\"branding\":{\"font\":\"Comic Sans\"}}",
                "{\"branding\":{\"displayName\":5}}",
                "{\"branding\":{\"primaryColor\":\"red;background:url(x)\"}}",
                "{\"branding\":{\"logoUrl\":\"javascript:alert(1)\"}}",
            })
    void refusesWhatItCannotMean(String config) {
        ValidationFailedException e =
                assertThrows(ValidationFailedException.class, () -> TenantConfigParser.parse(json(config), "config"));
        String field = e.field().orElseThrow();
        assertTrue(field.equals("config") || field.startsWith("config."), field);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    @ParameterizedTest(name = "{0} refused as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[]                                              | config",
                "{\"colours\":{}}                                | config.colours",
                "{\"features\":[]}                               | config.features",
                "{\"features\":{\"exports\":\"yes\"}}              | config.features.exports",
                "{\"features\":{\"bad key\":true}}                | config.features.bad key",
                "{\"limits\":{\"maxDocument\":5}}                 | config.limits.maxDocument",
                "{\"limits\":{\"clientSharePercent\":0}}          | config.limits.clientSharePercent",
                "{\"branding\":{\"font\":\"Comic Sans\"}}          | config.branding.font",
                "{\"branding\":{\"primaryColor\":\"blue\"}}        | config.branding.primaryColor",
                "{\"branding\":{\"logoUrl\":\"javascript:x\"}}     | config.branding.logoUrl",
                "{\"branding\":{\"displayName\":5}}              | config.branding.displayName",
            })
    void eachRefusalNamesItsField(String config, String field) {
        ValidationFailedException e =
                assertThrows(ValidationFailedException.class, () -> TenantConfigParser.parse(json(config), "config"));
        assertEquals(Optional.of(field), e.field(), e.getMessage());
    }

    @Test
    void namesTheFieldThatIsWrong() {
        ValidationFailedException e = assertThrows(
                ValidationFailedException.class,
                () -> TenantConfigParser.parse(json("{\"limits\":{\"maxDocuments\":-1}}"), "config"));
        assertEquals("config.limits.maxDocuments must be a whole number >= 0", e.getMessage());
    }

    @Test
    void aClientShareIsAPercentFrom1To100() {
        assertEquals(
                Map.of("clientSharePercent", 1L),
                TenantConfigParser.parse(json("{\"limits\":{\"clientSharePercent\":1}}"), "config")
                        .limits());
        assertEquals(
                Map.of("clientSharePercent", 100L),
                TenantConfigParser.parse(json("{\"limits\":{\"clientSharePercent\":100}}"), "config")
                        .limits());
        ValidationFailedException e = assertThrows(
                ValidationFailedException.class,
                () -> TenantConfigParser.parse(json("{\"limits\":{\"clientSharePercent\":0}}"), "config"));
        assertEquals(
                "config.limits.clientSharePercent must be a whole number from 1 to 100 (100 turns the share off)",
                e.getMessage());
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
