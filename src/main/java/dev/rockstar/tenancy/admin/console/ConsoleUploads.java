package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.portability.control.TenantArchives;
import dev.rockstar.tenancy.problems.PayloadTooLargeException;
import dev.rockstar.tenancy.problems.Problem;
import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.security.ConsoleSignIn;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Where Faces takes uploads: only the console's archive forms, only from the signed-in operator,
 * and no larger than an archive may be ({@link TenantArchives#maxBytes()}). Faces' servlet has a {@code multipart-config} (in
 * {@code web.xml}) so that {@code h:inputFile} works, and the container would otherwise store a
 * multipart body that anyone posts to any Faces page (the sign-in form, a tenant's landing page)
 * in temporary files as soon as a parameter is read. This filter refuses such a request before
 * a byte of it is read: 415 where no upload is taken, 413 above the archive bound. It is declared
 * in {@code web.xml}, ahead of the filters declared by annotation, which read parameters.
 */
public class ConsoleUploads extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The pages whose forms take an archive (restore, verify). */
    static final Set<String> UPLOAD_PAGES = Set.of("/admin/tenant.xhtml", "/admin/tenants.xhtml");

    /** Room for the form's other fields and the multipart framing around the archive. */
    static final long FORM_OVERHEAD = 64 * 1024;

    @Inject
    TenantArchives archives;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())
                || !UPLOAD_PAGES.contains(request.getServletPath())
                || ConsoleSignIn.operator(request) == null) {
            Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "No upload is taken here")
                    .writeTo(response);
            return;
        }
        long length = request.getContentLengthLong();
        long max = archives.maxBytes();
        if (length < 0 || length > max + FORM_OVERHEAD) {
            // A browser states the length of every form it sends; a body without one is not a browser's form.
            new PayloadTooLargeException(max).toProblem().writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
