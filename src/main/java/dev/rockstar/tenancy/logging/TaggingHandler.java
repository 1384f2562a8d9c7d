package dev.rockstar.tenancy.logging;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The first handler of the root logger: it runs on the thread that logs, before the server's
 * handlers, and writes the thread's tag into the record's message. Payara's and GlassFish's
 * handlers only queue the record and format it later on a thread of their own, where the tenant
 * is no longer known; the message then already names it. A record written with no tag bound is
 * left as it is, at the cost of one thread-local lookup.
 */
final class TaggingHandler extends Handler {

    /** Only its {@code formatMessage}: the bundle and parameters resolved as every JUL formatter does. */
    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public void publish(LogRecord record) {
        String text = LogTags.text();
        if (text != null && record != null) {
            tag(record, text);
        }
    }

    /**
     * Puts the tag before the record's message, resolved now: a key of a resource bundle or a
     * pattern with parameters would not survive a prefix. Once per record, also where several
     * handlers see it.
     */
    static void tag(LogRecord record, String text) {
        String message = record.getResourceBundle() == null
                        && (record.getParameters() == null || record.getParameters().length == 0)
                ? record.getMessage()
                : MESSAGES.formatMessage(record);
        if (message != null && message.startsWith(text)) {
            return;
        }
        // A message that names its tenant itself (the query log's lines do, for servers whose
        // format leaves the tag out) names it once: the tag's words come in place of its own.
        int space = text.indexOf(' ');
        String tenantWords = text.startsWith("tenant=") ? (space < 0 ? text : text.substring(0, space)) + " " : null;
        if (message != null && tenantWords != null && message.startsWith(tenantWords)) {
            message = message.substring(tenantWords.length());
        }
        record.setMessage(message == null || message.isEmpty() ? text : text + " " + message);
        record.setParameters(null);
        record.setResourceBundle(null);
        record.setResourceBundleName(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
