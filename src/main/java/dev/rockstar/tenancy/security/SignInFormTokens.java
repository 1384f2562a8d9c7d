package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.tenant.control.TenantResolver;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's sign-in form keeps nothing on the server before a sign-in succeeds: its Faces view
 * is transient, so no session is opened for a visitor, and its view state ({@code stateless}) no
 * longer proves that a POST came from the form. This filter does instead, with a signed
 * double-submit token: a load of the page gets a random nonce in a cookie of its own
 * ({@value #COOKIE}: {@code HttpOnly}, {@code SameSite=Lax}, for {@code /admin/} only, kept while
 * it is well-formed) and, in the form's {@value #FIELD} field, an HMAC of that nonce keyed by the
 * operator's credentials (so every node that accepts them accepts the token). Any other request
 * than a GET or HEAD of the page passes only with both, matching; else 403 before Faces reads it.
 * Another site can neither read the field nor make a browser send the cookie with its form
 * ({@code SameSite}), and a browser's {@code Origin} is checked as well ({@code SameOriginPosts}),
 * so no other site can sign a victim's browser in (login CSRF), a client sending no
 * {@code Origin} included.
 */
@WebFilter(filterName = "console-sign-in-form", urlPatterns = ConsoleSignIn.SIGN_IN_PAGE)
public class SignInFormTokens extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String COOKIE = "tenancy-sign-in";
    static final String FIELD = "sign-in-token";
    /** The request attribute the sign-in page writes into its forms' {@value #FIELD} field. */
    static final String ATTRIBUTE = "signInToken";

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AdminCredentials credentials;

    @Inject
    TenantResolver resolver;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.KEY, defaultValue = "auto")
    String secureMode;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String nonce = nonceOf(request);
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            if (request.getCharacterEncoding() == null) {
                // Read here before Faces sets it: the page's own encoding, as Faces would choose.
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            if (nonce == null || !matches(request.getParameter(FIELD), token(nonce))) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        } else if (nonce == null) {
            nonce = newNonce();
            response.addHeader("Set-Cookie", cookie(request, nonce));
        }
        request.setAttribute(ATTRIBUTE, token(nonce));
        chain.doFilter(request, response);
    }

    private static String nonceOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())
                        && cookie.getValue() != null
                        && NONCE.matcher(cookie.getValue()).matches()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static String newNonce() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Written as a header: the same on every server, whatever each does with a {@link Cookie}'s attributes. */
    private String cookie(HttpServletRequest request, String nonce) {
        String mode = secureMode.strip().toLowerCase(Locale.ROOT);
        boolean secure = mode.equals("always")
                || request.isSecure()
                || mode.equals("auto") && SecureSessionCookie.cameOverTls(request, resolver);
        return COOKIE + "=" + nonce + "; Path=" + request.getContextPath() + ConsoleSignIn.CONSOLE
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * Keyed by the credentials' stamp, which only this node and others with the same operator
     * password know; the stamp is itself a slow hash, so the token reveals nothing of the password.
     */
    private String token(String nonce) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(credentials.sessionStamp().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = hmac.doFinal(("console sign-in form\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    private static boolean matches(String submitted, String expected) {
        return submitted != null
                && MessageDigest.isEqual(
                        submitted.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
