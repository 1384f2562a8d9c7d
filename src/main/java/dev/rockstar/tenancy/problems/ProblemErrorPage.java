package dev.rockstar.tenancy.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the whole web application (see {@code web.xml}): whatever the servlet
 * container answers on its own (a path outside JAX-RS, a refused login, an exception that
 * escaped a servlet) becomes a problem document instead of the server's HTML page.
 */
@WebServlet(name = "problem-error-page", urlPatterns = ProblemErrorPage.PATH)
public class ProblemErrorPage extends HttpServlet {

    static final String PATH = "/problem-error-page";
    private static final Logger LOG = Logger.getLogger(ProblemErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer s ? s : HttpServletResponse.SC_NOT_FOUND;
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception != null) {
            LOG.log(
                    Level.SEVERE,
                    "Unhandled error on " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    exception);
        }
        ProblemCode code = ProblemCode.forStatus(status);
        String detail = switch (status) {
            case 401 -> "Missing or wrong credentials";
            case 404 -> "No resource at this path";
            default -> code.title();
        };
        Problem.of(code, detail).writeTo(response);
    }
}
