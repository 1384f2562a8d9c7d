package dev.rockstar.tenancy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingException;

/**
 * What an offboarding interrupted between its two databases left in a database placement: tenants
 * in the placement's {@code tenant} table that the registry no longer has. No client can reach their
 * rows (no registry row leads there); they are erased when the placement comes up, so that a node
 * that died between the registry's commit and the erasure does not keep a deleted tenant's data. A
 * tenant placed there in the last {@link #MINUTES} minutes is left alone: its registration (or
 * restore) may not have committed yet.
 */
@ApplicationScoped
class LeftoverTenants {

    static final int MINUTES = 10;
    private static final Logger LOG = Logger.getLogger(LeftoverTenants.class.getName());

    @Inject
    Placements placements;

    @Inject
    TenantRows rows;

    /** Erases the leftovers of a database placement that is up; a failure is logged and tried at its next start. */
    void erase(Placements.Placement placement) {
        try {
            List<String> placed = placedBefore(placement.name());
            if (placed.isEmpty()) {
                return;
            }
            Set<String> registered = registered(placed);
            for (String id : placed) {
                if (!registered.contains(id)) {
                    long erased =
                            rows.inLocalTransaction(id, placement.name(), c -> rows.erase(c, id, placement.name()));
                    LOG.info(() -> "Placement " + placement.name() + ": erased " + erased + " rows of tenant " + id
                            + ", which the registry no longer has (an offboarding interrupted before it)");
                }
            }
        } catch (SQLException | NamingException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Placement " + placement.name() + ": could not look for leftovers of deleted tenants",
                    e);
        }
    }

    private List<String> placedBefore(String placement) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = placements.dataSourceOf(placement).getConnection();
                PreparedStatement select = connection.prepareStatement("select id from "
                        + placements.qualified(placement, "tenant")
                        + " where placed_at < current_timestamp - interval '"
                        + MINUTES + "' minute")) {
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    private Set<String> registered(List<String> ids) throws SQLException, NamingException {
        Set<String> known = new HashSet<>();
        try (Connection connection = TenancyDataSource.application().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select id from " + Placements.quoted(placements.mainSchema()) + ".tenant where id = ?")) {
            for (String id : ids) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        known.add(id);
                    }
                }
            }
        }
        return known;
    }
}
