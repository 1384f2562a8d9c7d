package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FormMessagesTest {

    @Test
    void aFieldShowsItsRefusalInItsComponent() {
        assertEquals("id", FormMessages.componentOf("id", CreateTenant.FIELDS));
        assertEquals("name", FormMessages.componentOf("name", CreateTenant.FIELDS));
        assertEquals("primaryColor", FormMessages.componentOf("config.branding.primaryColor", CreateTenant.FIELDS));
        assertEquals("logoUrl", FormMessages.componentOf("config.branding.logoUrl", SettingsForm.FIELDS));
        assertEquals("username", FormMessages.componentOf("username", EditTenant.USER_FIELDS));
        assertEquals("password", FormMessages.componentOf("password", EditTenant.USER_FIELDS));
        assertEquals("host", FormMessages.componentOf("host", EditTenant.HOST_FIELDS));
    }

    @Test
    void aFieldTheFormLacksFallsToTheNearestEnclosingOne() {
        assertEquals("hosts", FormMessages.componentOf("hosts[1]", CreateTenant.FIELDS));
        assertEquals("limits", FormMessages.componentOf("config.limits.maxWidgets", CreateTenant.FIELDS));
        assertEquals("features", FormMessages.componentOf("config.features.beta", SettingsForm.FIELDS));
        assertEquals("displayName", FormMessages.componentOf("config.branding.motto", SettingsForm.FIELDS));
        assertEquals("roles", FormMessages.componentOf("roles[3]", EditTenant.USER_FIELDS));
    }

    @Test
    void aFieldOutsideTheFormGoesToTheTopOfTheForm() {
        assertNull(FormMessages.componentOf("config", SettingsForm.FIELDS));
        assertNull(FormMessages.componentOf("config.colours", SettingsForm.FIELDS));
        assertNull(FormMessages.componentOf("identity", CreateTenant.FIELDS));
        assertNull(FormMessages.componentOf("hostsX", CreateTenant.FIELDS));
        assertNull(FormMessages.componentOf("id", EditTenant.USER_FIELDS));
    }
}
