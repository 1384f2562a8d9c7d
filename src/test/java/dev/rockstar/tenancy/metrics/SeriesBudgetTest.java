package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesBudgetTest {

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void aHundredThousandTenantsNeverGrowPastTheCap() {
        SeriesBudget budget = new SeriesBudget(1000, 10 * MINUTE);
        Set<String> series = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            series.add(budget.admit("tenant-" + i, i).series());
        }
        assertEquals(1001, series.size(), "1000 tenants and " + SeriesBudget.OTHER);
        assertEquals(1000, budget.tracked());
    }

    @Test
    void knownTenantsKeepTheirSeries() {
        SeriesBudget budget = new SeriesBudget(2, MINUTE);
        budget.admit("a", 0);
        budget.admit("b", 0);
        assertEquals(SeriesBudget.OTHER, budget.admit("c", 1).series());
        assertEquals("a", budget.admit("a", 2).series());
    }

    @Test
    void theLeastRecentlySeenIdleTenantGivesItsPlaceUp() {
        SeriesBudget budget = new SeriesBudget(2, MINUTE);
        budget.admit("a", 0);
        budget.admit("b", 0);
        budget.admit("a", MINUTE / 2); // a is recent, b is not
        SeriesBudget.Admission admission = budget.admit("c", MINUTE + 1);
        assertEquals("c", admission.series());
        assertEquals("b", admission.evicted());
        assertNull(budget.admit("a", MINUTE + 2).evicted());
        assertEquals(2, budget.tracked());
    }

    @Test
    void otherCannotBeATenantId() {
        assertEquals(
                false,
                dev.rockstar.tenancy.tenant.control.TenantRules.ID
                        .matcher(SeriesBudget.OTHER)
                        .matches());
    }

    @Test
    void figuresWithoutAPlaceGoToOtherAndTakeNone() {
        SeriesBudget budget = new SeriesBudget(1, 0);
        assertEquals(SeriesBudget.OTHER, budget.seriesOf("a"));
        assertEquals(0, budget.tracked());
        budget.admit("a", 0);
        assertEquals("a", budget.seriesOf("a"));
        assertEquals(SeriesBudget.OTHER, budget.seriesOf("b"));
    }
}
