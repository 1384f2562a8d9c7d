package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProblemFieldsTest {

    @Test
    void theFieldIsTheOneTheMessageNamesFirst() {
        assertEquals("id", ProblemFields.fieldOf("id must match ^[a-z0-9][a-z0-9-]{0,62}$ (...)"));
        assertEquals("id", ProblemFields.fieldOf("A tenant with id 'acme' already exists"));
        assertEquals("name", ProblemFields.fieldOf("name must have 1 to 200 characters"));
        assertEquals("hosts", ProblemFields.fieldOf("hosts[1]: a host must not be empty"));
        assertEquals("hosts", ProblemFields.fieldOf("The host 'acme.test' is owned by another tenant"));
        assertEquals("host", ProblemFields.fieldOf("host: an IP address cannot belong to a tenant"));
        assertEquals(
                "primaryColor", ProblemFields.fieldOf("config.branding.primaryColor must be a colour like #1a2b3c"));
        assertEquals("branding", ProblemFields.fieldOf("config.branding.motto is not a known branding key"));
        assertEquals("limits", ProblemFields.fieldOf("config.limits.maxWidgets is not a known limit"));
        assertEquals("features", ProblemFields.fieldOf("config.features.x must be true or false"));
        assertEquals("username", ProblemFields.fieldOf("The tenant already has a user 'bob'"));
    }

    @Test
    void aMessageThatNamesNoFieldGoesToTheTopOfTheForm() {
        assertNull(ProblemFields.fieldOf("No tenant with id 'gone'"));
        assertNull(ProblemFields.fieldOf("identity unknown")); // "id" only as a word of its own
        assertNull(ProblemFields.fieldOf(null));
    }
}
