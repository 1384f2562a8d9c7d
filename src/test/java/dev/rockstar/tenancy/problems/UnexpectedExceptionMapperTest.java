package dev.rockstar.tenancy.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    @Test
    void aDatabaseThatCannotServeInTimeIsUnavailable() {
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(new SQLException("gone", "08006"))));
        assertTrue(
                UnexpectedExceptionMapper.isDatabaseFailure(wrapped(new SQLException("statement timeout", "57014"))));
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(new SQLException("shutting down", "57P01"))));
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(new SQLException("lock timeout", "55P03"))));
        // H2's lock timeout, e.g. a write waiting for the lock a long tenant deletion holds
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(
                wrapped(new SQLTimeoutException("Timeout trying to lock table", "HYT00"))));
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(
                new SQLException("Error in allocating a connection", new ResourceException("max-wait-time expired")))));
    }

    /** Narayana's failed commit on WildFly: the driver's I/O error only as a suppressed exception. */
    @Test
    void aCommitThatLostItsConnectionIsUnavailable() {
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new Exception(
                "IJ001156: Could not commit local transaction",
                new ResourceException(
                        "SQLException", new SQLException("An I/O error occurred while sending to the backend"))));
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(rollback)));

        Exception bug = new IllegalStateException("rolled back");
        bug.addSuppressed(new SQLException("duplicate key", "23505"));
        assertFalse(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(bug)));
    }

    /** Payara's failed commit: a TransactionalException over a SystemException over the XA failure. */
    @Test
    void aCommitThatFailedInTheTransactionManagerIsUnavailable() {
        Exception commit = new SystemException();
        commit.initCause(
                new XAException("LocalTransactionException: An I/O error occurred while sending to the backend"));
        assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(new TransactionalException(
                "Managed bean with Transactional annotation and TxType of REQUIRED encountered exception during commit",
                commit)));
    }

    /** A write refused at the flush before the commit, kept by the transaction manager as a suppressed exception. */
    @Test
    void aProblemKeptOnlyAsSuppressedIsAnsweredAsItself() {
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new RuntimeException("beforeCompletion failed", new TenantReadOnlyException()));
        ProblemException found = UnexpectedExceptionMapper.findProblem(wrapped(rollback));
        assertInstanceOf(TenantReadOnlyException.class, found);
        assertEquals(ProblemCode.TENANT_READ_ONLY, found.code());
        assertEquals(
                String.valueOf(TenantReadOnlyException.RETRY_AFTER_SECONDS),
                found.headers().get("Retry-After"));
    }

    @Test
    void aBugIsNot() {
        assertFalse(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(new SQLException("duplicate key", "23505"))));
        assertFalse(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(new SQLException("syntax", "42601"))));
        assertFalse(UnexpectedExceptionMapper.isDatabaseFailure(new IllegalStateException("bug")));
    }

    private static RuntimeException wrapped(Exception cause) {
        return new RuntimeException("transaction rolled back", new IllegalStateException(cause));
    }
}
