package dev.rockstar.tenancy.problems;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document with the contract's extra {@code code} member.
 */
public record Problem(ProblemCode code, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, detail == null || detail.isBlank() ? code.title() : detail);
    }

    public int status() {
        return code.status();
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "urn:rockstar-tenancy:problem:" + code.name().toLowerCase().replace('_', '-'))
                .add("title", code.title())
                .add("status", code.status())
                .add("detail", detail)
                .add("code", code.name());
        return json.build();
    }

    public Response toResponse() {
        return toResponse(Map.of());
    }

    public Response toResponse(Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(code.status()).type(MEDIA_TYPE).entity(toJson().toString());
        headers.forEach(response::header);
        return response.build();
    }
}
