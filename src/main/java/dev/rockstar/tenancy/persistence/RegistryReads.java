package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.naming.NamingException;

/**
 * The registry's row of a tenant as the routing of its statements needs it, read outside any JTA
 * transaction: the caller's may be one of a database placement's, which a connection of the main
 * database must not join (two non-XA resources in one transaction are refused, and none is needed).
 */
@ApplicationScoped
class RegistryReads {

    @Inject
    Placements placements;

    /** {@code null} for no such tenant. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public KnownPlacements.Routed routingOf(String tenantId) {
        return read(placements, tenantId);
    }

    /**
     * {@link #routingOf} inside the caller's transaction, where no database placement is declared
     * and so no transaction is another database's: no suspension around a statement under way.
     */
    static KnownPlacements.Routed read(Placements placements, String tenantId) {
        try (Connection connection = TenancyDataSource.application().getConnection();
                PreparedStatement select = connection.prepareStatement("select placement, status, move_id from "
                        + Placements.quoted(placements.mainSchema()) + ".tenant where id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                String move = row.getString(3);
                return new KnownPlacements.Routed(
                        row.getString(1),
                        move != null
                                && !move.startsWith(KnownPlacements.RESTORE_HOLD)
                                && !TenantStatus.ACTIVE.name().equals(row.getString(2)));
            }
        } catch (SQLException | NamingException e) {
            throw PlacementRouting.unavailable("The registry cannot be read right now");
        }
    }
}
