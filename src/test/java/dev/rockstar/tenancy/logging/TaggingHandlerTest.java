package dev.rockstar.tenancy.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ListResourceBundle;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaggingHandlerTest {

    private final TaggingHandler handler = new TaggingHandler();

    @AfterEach
    void unbind() {
        LogTags.restore(null);
    }

    @Test
    void leavesARecordAloneWhereNothingIsBound() {
        Object[] parameters = {"x"};
        LogRecord record = new LogRecord(Level.INFO, "plain {0}");
        record.setParameters(parameters);
        handler.publish(record);
        assertEquals("plain {0}", record.getMessage());
        assertSame(parameters, record.getParameters());
    }

    @Test
    void putsTheTenantAndRequestBeforeTheMessage() {
        LogTags.request("r-1");
        LogTags.tenant("acme");
        LogRecord record = new LogRecord(Level.WARNING, "disk full");
        handler.publish(record);
        assertEquals("tenant=acme request=r-1 disk full", record.getMessage());
    }

    @Test
    void aMessageThatNamesItsTenantItselfNamesItOnce() {
        LogTags.request("r-4");
        LogTags.tenant("acme");
        LogRecord own = new LogRecord(Level.INFO, "tenant=acme SQL 1.000 ms");
        handler.publish(own);
        assertEquals("tenant=acme request=r-4 SQL 1.000 ms", own.getMessage());

        // another tenant's statement, run by an operator inside acme's request, keeps its own name
        LogRecord other = new LogRecord(Level.INFO, "tenant=globex SQL 1.000 ms");
        handler.publish(other);
        assertEquals("tenant=acme request=r-4 tenant=globex SQL 1.000 ms", other.getMessage());
    }

    @Test
    void resolvesParametersAndBundlesFirstSoThatTheyStillRead() {
        LogTags.request("r-2");
        LogRecord withParameters = new LogRecord(Level.INFO, "{0} rows in {1}");
        withParameters.setParameters(new Object[] {"3", "documents"});
        handler.publish(withParameters);
        assertEquals("request=r-2 3 rows in documents", withParameters.getMessage());
        assertNull(withParameters.getParameters());

        ResourceBundle bundle = new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"ABC-001", "Started {0}"}};
            }
        };
        LogRecord keyed = new LogRecord(Level.INFO, "ABC-001");
        keyed.setResourceBundle(bundle);
        keyed.setParameters(new Object[] {"weld"});
        handler.publish(keyed);
        assertEquals("request=r-2 Started weld", keyed.getMessage());
        assertNull(keyed.getResourceBundle());
    }

    @Test
    void tagsARecordOnceThoughSeveralHandlersSeeIt() {
        LogTags.request("r-3");
        LogRecord record = new LogRecord(Level.INFO, "once");
        handler.publish(record);
        new TaggingHandler().publish(record);
        assertEquals("request=r-3 once", record.getMessage());
    }

    @Test
    void theTenantComesAndGoesAndTheRequestEndsClean() {
        LogTags.Tags before = LogTags.current();
        LogTags.request("r-4");
        LogTags.tenant("acme");
        LogTags.tenant(null);
        assertEquals("request=r-4", LogTags.text());
        LogTags.tenant("globex");
        assertEquals("tenant=globex request=r-4", LogTags.text());
        LogTags.restore(before);
        assertNull(LogTags.text());
        assertNull(LogTags.requestId());
    }

    @Test
    void requestIdsAreVersion4Uuids() {
        String id = RequestIdFilter.newId();
        assertEquals(4, java.util.UUID.fromString(id).version());
        assertEquals(2, java.util.UUID.fromString(id).variant());
        assertTrue(!id.equals(RequestIdFilter.newId()));
    }
}
