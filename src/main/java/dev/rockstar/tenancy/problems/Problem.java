package dev.rockstar.tenancy.problems;

import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.logging.LogTags;
import dev.rockstar.tenancy.logging.RequestIdFilter;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/**
 * An RFC 9457 problem document with the contract's extra {@code code} member, a {@code field}
 * member when the problem is about one field of the input, and as its {@code instance} the id of
 * the request that got it (the {@code X-Request-Id} header, and on the request's log lines).
 */
public record Problem(ProblemCode code, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, detail == null || detail.isBlank() ? code.title() : detail, null);
    }

    /** This problem about one field of the input; {@code null} for none. */
    public Problem about(String field) {
        return new Problem(code, detail, field);
    }

    public int status() {
        return code.status();
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JsonP.createObjectBuilder()
                .add(
                        "type",
                        "urn:rockstar-tenancy:problem:"
                                + code.name().toLowerCase().replace('_', '-'))
                .add("title", code.title())
                .add("status", code.status())
                .add("detail", detail)
                .add("code", code.name());
        if (field != null) {
            json.add("field", field);
        }
        // The request's id, as on its log lines: what a client quotes to find them.
        String request = LogTags.requestId();
        if (request != null) {
            json.add("instance", request);
        }
        return json.build();
    }

    /** For servlet code (error page, page filters), where no JAX-RS mapper answers. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status());
        String request = LogTags.requestId();
        if (request != null) {
            // Answered before the filters (the authentication mechanism) as after them.
            response.setHeader(RequestIdFilter.HEADER, request);
        }
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(toJson().toString());
    }

    public Response toResponse() {
        return toResponse(Map.of());
    }

    public Response toResponse(Map<String, String> headers) {
        Response.ResponseBuilder response =
                Response.status(code.status()).type(MEDIA_TYPE).entity(toJson().toString());
        headers.forEach(response::header);
        return response.build();
    }
}
