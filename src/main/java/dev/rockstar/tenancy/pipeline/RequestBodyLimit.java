package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.problems.PayloadTooLargeException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above {@code tenancy.request.max-body-bytes} (default 1 MiB) with 413
 * {@code PAYLOAD_TOO_LARGE}: by their declared length before a byte is read, and a body without
 * one (chunked) as soon as it passes the limit, so no resource ever sees part of it. Resources
 * read bodies whole into memory; without this, one client could hold the heap with a few large
 * requests. The archive calls bound their bodies themselves.
 */
@Provider
@PreMatching
@Priority(Pipeline.BODY_LIMIT)
@ApplicationScoped
public class RequestBodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "tenancy.request.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    /**
     * The calls whose body is a tenant archive, which they spool to disk under a bound of their
     * own ({@code tenancy.archive.max-bytes}) rather than read into memory.
     */
    private static final Pattern ARCHIVE_UPLOADS = Pattern.compile("/?admin/tenants/(restore|[^/]+/verify)/?");

    @Override
    public void filter(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod())
                && ARCHIVE_UPLOADS.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        int declared = request.getLength();
        if (declared > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
        if (declared < 0 && request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
        }
    }

    /** Counts what is read and stops at the limit. */
    private static final class Bounded extends FilterInputStream {

        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw new PayloadTooLargeException(max);
            }
        }
    }
}
