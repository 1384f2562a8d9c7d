package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PlacementFormsTest {

    @Test
    void nothingChosenIsTheControlClassesDefaultAndAChoiceIsTakenAsItIs() {
        assertNull(PlacementChoices.chosen(null));
        assertNull(PlacementChoices.chosen(" "));
        assertEquals("eu", PlacementChoices.chosen(" eu "));
    }

    @Test
    void aPlacementThatIsDownIsMarkedInItsLabel() {
        assertEquals("eu", new PlacementChoices.Choice("eu", true).label());
        assertEquals("eu (unavailable)", new PlacementChoices.Choice("eu", false).label());
    }

    @Test
    void aRefusalNamingThePlacementIsShownAtEachFormsSelect() {
        assertEquals("target", FormMessages.componentOf("placement", MoveTenant.FIELDS));
        assertEquals("placement", FormMessages.componentOf("placement", CreateTenant.FIELDS));
        assertEquals("placement", FormMessages.componentOf("placement", RestoreTenant.FIELDS));
    }
}
