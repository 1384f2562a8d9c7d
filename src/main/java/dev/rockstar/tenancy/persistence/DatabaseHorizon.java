package dev.rockstar.tenancy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The transactions under way in a database placement's own database. A move out of one must wait
 * for the tenant's writes that began before its freeze on every node, as it does in the main
 * database by that database's transaction horizon: the writes of a tenant in a database placement
 * are that database's transactions, which the main database's horizon does not see.
 */
@ApplicationScoped
public class DatabaseHorizon {

    @Inject
    Placements placements;

    /**
     * Waits until every transaction that had written in the placement's database when this was
     * called has ended (committed or not); at once for a placement in the main database, or a
     * database other than PostgreSQL.
     *
     * @return {@code false} when some were still running after {@code max}
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean awaitTransactionsBegunBefore(String placement, Duration max) throws InterruptedException {
        if (!placements.isDatabase(placement)) {
            return true;
        }
        try (Connection connection = placements.dataSourceOf(placement).getConnection()) {
            if (!Postgres.is(connection)) {
                return true;
            }
            long now = number(connection, "select cast(cast(pg_current_xact_id() as text) as bigint)");
            Instant until = Instant.now().plus(max);
            while (number(connection, "select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint)")
                    <= now) {
                if (Instant.now().isAfter(until)) {
                    return false;
                }
                Thread.sleep(50);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read the transactions under way in placement " + placement + ": " + e.getMessage(), e);
        }
    }

    /** One number, each in a transaction of its own (autocommit): a transaction id ends with its statement. */
    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
