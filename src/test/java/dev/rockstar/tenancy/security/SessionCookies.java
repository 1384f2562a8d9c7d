package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rockstar.tenancy.testing.TenancyClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The session cookie of a tenant user's login, as the cookie tests read it. */
final class SessionCookies {

    private SessionCookies() {}

    /** A tenant of its own with the user {@code alice}; returns its host. */
    static String tenantWithUser(TenancyClient client, String prefix) {
        String host = client.newTenant(prefix);
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(host) + "/users",
                        "{\"username\":\"alice\",\"password\":\"password-of-alice\",\"roles\":[]}")
                .assertStatus(201);
        return host;
    }

    /** Logs {@code alice} in and returns the one session cookie of the answer, attributes and all. */
    static String login(TenancyClient client, String host, String... headers) {
        TenancyClient.Reply reply = client.postJson(
                        host, "/api/login", "{\"username\":\"alice\",\"password\":\"password-of-alice\"}", headers)
                .assertStatus(200);
        String all = reply.header("Set-Cookie");
        assertNotNull(all, "a session cookie");
        // Set-Cookie lines joined with ",": one of them must be the session's, and only one
        List<String> session = Arrays.stream(all.split(","))
                .map(String::strip)
                .filter(c -> c.startsWith("JSESSIONID="))
                .toList();
        assertEquals(1, session.size(), all);
        return session.get(0);
    }

    static boolean isSecure(String cookie) {
        return Arrays.stream(cookie.split(";"))
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .anyMatch("secure"::equals);
    }
}
