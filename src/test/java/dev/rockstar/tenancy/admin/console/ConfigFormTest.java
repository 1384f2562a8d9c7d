package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.TenantConfigParser;
import dev.rockstar.tenancy.tenant.control.TenantJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFormTest {

    @Test
    void theFormsTextBecomesTheApisConfigObject() {
        JsonObject json = ConfigForm.toJson(
                "exports\n beta = false \n\n",
                "maxDocuments=10\nrequestsPerSecond = 5",
                Map.of("displayName", " Acme ", "primaryColor", "", "logoUrl", "  "));
        assertEquals(
                Json.createReader(new StringReader(
                                "{\"features\":{\"exports\":true,\"beta\":false},\"limits\":{\"maxDocuments\":10,\"requestsPerSecond\":5},"
                                        + "\"branding\":{\"displayName\":\"Acme\"}}"))
                        .readObject(),
                json);
        TenantConfig config = TenantConfigParser.parse(json, "config");
        assertEquals(10L, config.limits().get("maxDocuments"));
    }

    @Test
    void badValuesReachTheParserWhichRefusesThemByName() {
        var unknown = assertThrows(
                ValidationFailedException.class,
                () -> TenantConfigParser.parse(ConfigForm.toJson("", "maxWidgets=3", Map.of()), "config"));
        assertEquals("config.limits.maxWidgets", unknown.getMessage().split(" ")[0]);
        var notANumber = assertThrows(
                ValidationFailedException.class,
                () -> TenantConfigParser.parse(ConfigForm.toJson("", "maxDocuments=lots", Map.of()), "config"));
        assertEquals("config.limits.maxDocuments must be a whole number >= 0", notANumber.getMessage());
        var notABoolean = assertThrows(
                ValidationFailedException.class,
                () -> TenantConfigParser.parse(ConfigForm.toJson("exports=maybe", "", Map.of()), "config"));
        assertEquals("config.features.exports must be true or false", notABoolean.getMessage());
        var aFraction = assertThrows(
                ValidationFailedException.class,
                () -> TenantConfigParser.parse(ConfigForm.toJson("", "clientSharePercent=0.5", Map.of()), "config"));
        assertEquals(
                "config.limits.clientSharePercent must be a whole number from 1 to 100 (100 turns the share off)",
                aFraction.getMessage());
    }

    @Test
    void thePatchRemovesWhatTheFormNoLongerHas() {
        TenantConfig before =
                new TenantConfig(Map.of("exports", true), Map.of("maxDocuments", 10L), Map.of("displayName", "Acme"));
        JsonObject patch = ConfigForm.patch(before, ConfigForm.toJson("beta", "", Map.of("displayName", "Acme")));
        JsonObject merged =
                Json.createMergePatch(patch).apply(TenantJson.config(before)).asJsonObject();
        assertEquals(
                TenantConfigParser.parse(merged, "config"),
                new TenantConfig(Map.of("beta", true), Map.of(), Map.of("displayName", "Acme")));
    }

    @Test
    void hostsMayBeTypedOnLinesOrWithCommas() {
        assertEquals(List.of("a.test", "b.test", "c.test"), ConfigForm.hosts(" a.test\nb.test, c.test \n"));
        assertEquals(List.of(), ConfigForm.hosts(null));
        assertEquals(
                "beta=false\nexports",
                ConfigForm.featuresText(new TenantConfig(Map.of("exports", true, "beta", false), Map.of(), Map.of())));
    }
}
