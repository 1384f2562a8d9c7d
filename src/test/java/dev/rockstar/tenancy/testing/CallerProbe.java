package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.security.anonymous.AnonymousFastPathInstaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.security.Principal;

/**
 * Test-only: who the server says the caller of this request is, through the servlet request and
 * through Jakarta Security, and whether the anonymous fast path is in front of Jakarta Security.
 */
@Path("test/caller")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallerProbe {

    @Context
    HttpServletRequest request;

    @Context
    ServletContext servletContext;

    @Inject
    SecurityContext security;

    @GET
    public JsonObject caller() {
        return Json.createObjectBuilder()
                .add("fastPath", AnonymousFastPathInstaller.installed(servletContext))
                .add("userPrincipal", name(request.getUserPrincipal()))
                .add("callerPrincipal", name(security.getCallerPrincipal()))
                .add("manager", request.isUserInRole("manager"))
                .build();
    }

    private static JsonValue name(Principal principal) {
        return principal == null ? JsonValue.NULL : Json.createValue(principal.getName());
    }
}
