package dev.rockstar.tenancy.logging;

import java.util.Objects;

/**
 * The tenant and the request id of the work running on this thread. The tenant's binding sets
 * the tenant ({@link #tenant(String)}), {@link RequestIdFilter} the request id for the length of
 * a request; {@link LogEnrichment} puts both on the log records written meanwhile, and a problem
 * document names the request id as its {@code instance}. Where the server's log manager has a
 * mapped diagnostic context (WildFly's), the same values are mirrored into it.
 *
 * <p>Reading costs one thread-local lookup, and nothing is allocated while neither is set: that
 * is every log record of a thread outside a request.
 */
public final class LogTags {

    /** Holds only while set: cleared by {@code remove()}, so an idle pooled thread keeps no value of this WAR. */
    private static final ThreadLocal<Tags> CURRENT = new ThreadLocal<>();

    private static volatile DiagnosticContext context = DiagnosticContext.NONE;

    /**
     * What a thread carries. The tag written on its records is made when a record first needs it:
     * most requests log nothing, and would otherwise build it twice (request, then tenant).
     */
    static final class Tags {

        private final String tenant;
        private final String request;
        private String text;

        Tags(String tenant, String request) {
            this.tenant = tenant;
            this.request = request;
        }

        String tenant() {
            return tenant;
        }

        String request() {
            return request;
        }

        /** Made on the thread that carries it; another thread at worst makes the same string again. */
        String text() {
            String made = text;
            if (made == null) {
                made = TagText.of(tenant, request);
                text = made;
            }
            return made;
        }
    }

    private LogTags() {}

    /** The id of the request running on this thread; {@code null} outside a request. */
    public static String requestId() {
        Tags tags = CURRENT.get();
        return tags == null ? null : tags.request();
    }

    /**
     * The id of the tenant bound on this thread, {@code null} for none: the same as the tenant
     * context's, read without asking CDI for it, for code that runs where no bean can be injected
     * and on every span or record.
     */
    public static String tenantId() {
        Tags tags = CURRENT.get();
        return tags == null ? null : tags.tenant();
    }

    /** Binds the tenant to this thread's records from now on, {@code null} for none; the request id stays. */
    public static void tenant(String tenant) {
        Tags tags = CURRENT.get();
        if (tags != null && Objects.equals(tags.tenant(), tenant)) {
            return;
        }
        // Also with nothing bound here: JBoss LogManager's MDC is inherited by threads started
        // from a request (a pooled thread made on demand), and is cleared the first time this
        // thread's tenant is set, before it can log for anyone else.
        set(tenant, tags == null ? null : tags.request());
    }

    /** The tag for this thread's records, {@code null} where nothing is bound. */
    static String text() {
        Tags tags = CURRENT.get();
        return tags == null ? null : tags.text();
    }

    static Tags current() {
        return CURRENT.get();
    }

    /** Starts a request with no tenant bound yet; {@link #restore} ends it. */
    static void request(String id) {
        set(null, id);
    }

    /** Puts back what {@link #current()} returned, {@code null} for nothing. */
    static void restore(Tags previous) {
        if (previous == null) {
            set(null, null);
        } else {
            CURRENT.set(previous);
            context.put(previous);
        }
    }

    static void useContext(DiagnosticContext diagnosticContext) {
        context = diagnosticContext;
    }

    private static void set(String tenant, String request) {
        if (tenant == null && request == null) {
            CURRENT.remove();
            context.clear();
        } else {
            Tags tags = new Tags(tenant, request);
            CURRENT.set(tags);
            context.put(tags);
        }
    }
}
