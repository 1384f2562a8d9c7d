package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.persistence.Placements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The placements the deployment declares, for the console's selects: where a new or restored
 * tenant goes, where a tenant moves to. One that is down is still listed, marked and not
 * selectable, so the operator sees why it is missing rather than wondering.
 */
@Named
@ApplicationScoped
public class PlacementChoices {

    /** A placement as a select offers it. */
    public record Choice(String name, boolean available) {

        public String label() {
            return available ? name : name + " (unavailable)";
        }
    }

    @Inject
    Placements placements;

    /** Every placement, {@value Placements#SHARED} first. */
    public List<Choice> getAll() {
        return placements.names().stream()
                .map(name -> new Choice(name, placements.isAvailable(name)))
                .toList();
    }

    /** Where a tenant now in {@code current} can move to: every placement but that one. */
    public List<Choice> besides(String current) {
        return getAll().stream()
                .filter(choice -> !choice.name().equals(current))
                .toList();
    }

    /** Whether there is anywhere to choose: without schema placements the selects are left out. */
    public boolean isAny() {
        return placements.any();
    }

    /** A select's value as the control classes take it: nothing chosen is {@code null}, their default. */
    static String chosen(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
