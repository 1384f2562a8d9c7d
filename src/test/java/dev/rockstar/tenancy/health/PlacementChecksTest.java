package dev.rockstar.tenancy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementChecksTest {

    @Test
    void sharedFirstThenEachDeclaredPlacementOnceInOrder() {
        assertEquals(List.of("shared"), List.copyOf(PlacementChecks.declared("")));
        assertEquals(
                List.of("shared", "premium", "eu", "vault"),
                List.copyOf(PlacementChecks.declared(" premium, eu,,vault ,premium")));
    }
}
