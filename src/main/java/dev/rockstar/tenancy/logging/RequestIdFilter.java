package dev.rockstar.tenancy.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers the request's id (given by {@link LogEnrichment} as the request entered) in the
 * {@value #HEADER} header, and binds the request's tags for the filters and resources after it,
 * putting back what the thread had when they return. First of the servlet filters
 * ({@code web.xml}), and on the error dispatch too, where the error page runs after the
 * request's own chain: it finds the id the request got.
 */
public class RequestIdFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIdFilter.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = request.getAttribute(ATTRIBUTE) instanceof String given ? given : null;
        if (id == null) {
            id = newId();
            request.setAttribute(ATTRIBUTE, id);
        }
        if (!response.isCommitted()) {
            response.setHeader(HEADER, id);
        }
        LogTags.Tags previous = LogTags.current();
        if (previous == null || previous.tenant() != null || !id.equals(previous.request())) {
            LogTags.request(id);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (LogTags.current() != previous) {
                LogTags.restore(previous);
            }
        }
    }

    /**
     * A random version 4 UUID from the thread's generator: unique enough to find one request in
     * the logs, and without the lock and entropy of {@link UUID#randomUUID()} on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
