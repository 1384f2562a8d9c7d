package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.tenant.control.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login device cookies (OWASP's Authentication cheat sheet, "slow down online guessing attacks
 * with device cookies"): a successful login gives the client a cookie naming a random id, signed
 * with HMAC-SHA256 over the id, its expiry, the owner (tenant or operator), the account and the
 * account's credential stamp. A client presenting a valid one for the account it logs in to is
 * throttled on that cookie alone ({@code LoginThrottle}), so nobody else's failures lock it out;
 * a password reset changes the stamp and so revokes the account's cookies.
 *
 * <p>The key is kept in the database ({@code tenancy_secret}), made by the first node that needs
 * it and read by every other, so a cookie works on every node behind a load balancer. The cookie
 * is {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} as the session cookie is
 * ({@value SessionCookiePolicy#KEY}), scoped to the one path that takes the login, and named for
 * the account (one cookie per account a client logged in to; the name is a keyed digest, so it
 * does not show the username).
 */
@ApplicationScoped
public class DeviceCookies {

    static final String KEY_NAME = "login-device-key";
    private static final String PREFIX = "tenancy_device_";
    private static final int MAX_VALUE = 100;
    private static final Logger LOG = Logger.getLogger(DeviceCookies.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    DeviceKeyStore store;

    @Inject
    TenantResolver resolver;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.KEY, defaultValue = "auto")
    String secureMode;

    @Inject
    @ConfigProperty(name = "tenancy.login.device-cookie-days", defaultValue = "90")
    long days;

    private volatile byte[] key;

    /**
     * @param owner   the tenant's id, or the operator's mark
     * @param account the username the client logs in as
     * @param stamp   the account's credential stamp now, asked only when a cookie for the account is there
     * @return the id of the client's valid device cookie for the account, else null (none, forged,
     *         expired, of other credentials, or the key cannot be read now)
     */
    public String valid(HttpServletRequest request, String owner, String account, Supplier<String> stamp) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        try {
            String name = nameFor(owner, account);
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    String id = check(cookie.getValue(), owner, account, stamp.get());
                    if (id != null) {
                        return id;
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            LOG.log(Level.FINE, "device cookie not checked", unreadable); // an untrusted client then
        }
        return null;
    }

    /** Gives the client a new device cookie for the account, for {@code path} on the request's host only. */
    public void issue(
            HttpServletRequest request,
            HttpServletResponse response,
            String owner,
            String account,
            String stamp,
            String path) {
        try {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String id = B64.encodeToString(nonce);
            long expires = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()) + TimeUnit.DAYS.toSeconds(days);
            String value = id + "." + expires + "." + B64.encodeToString(mac(owner, account, stamp, id, expires));
            StringBuilder cookie = new StringBuilder(nameFor(owner, account))
                    .append('=')
                    .append(value)
                    .append("; Path=")
                    .append(request.getContextPath())
                    .append(path)
                    .append("; Max-Age=")
                    .append(TimeUnit.DAYS.toSeconds(days))
                    .append("; HttpOnly; SameSite=Strict");
            if (secure(request)) {
                cookie.append("; Secure");
            }
            response.addHeader("Set-Cookie", cookie.toString());
        } catch (RuntimeException unavailable) {
            // the login stands; the client stays untrusted until its next one
            LOG.log(Level.WARNING, "No device cookie given: the signing key could not be read", unavailable);
        }
    }

    private boolean secure(HttpServletRequest request) {
        return switch (secureMode.strip().toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            default -> SecureSessionCookie.cameOverTls(request, resolver);
        };
    }

    private String check(String value, String owner, String account, String stamp) {
        if (value == null || value.length() > MAX_VALUE) {
            return null;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        long expires;
        byte[] signature;
        try {
            expires = Long.parseLong(parts[1]);
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        if (expires <= TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis())) {
            return null;
        }
        return MessageDigest.isEqual(signature, mac(owner, account, stamp, parts[0], expires)) ? parts[0] : null;
    }

    private byte[] mac(String owner, String account, String stamp, String id, long expires) {
        return Arrays.copyOf(
                hmac("device", owner, account, stamp == null ? "" : stamp, id, Long.toString(expires)), 16);
    }

    private String nameFor(String owner, String account) {
        return PREFIX + B64.encodeToString(hmac("name", owner, account)).substring(0, 12);
    }

    private byte[] hmac(String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            for (String part : parts) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** The cluster's key: read once, made by this node when no node has made it yet. */
    private byte[] key() {
        byte[] known = key;
        if (known != null) {
            return known;
        }
        String stored = store.read(KEY_NAME).orElseGet(() -> {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try {
                store.insert(KEY_NAME, B64.encodeToString(fresh));
            } catch (RuntimeException anotherNodeWasFirst) {
                LOG.log(Level.FINE, "device cookie key made elsewhere meanwhile", anotherNodeWasFirst);
            }
            return store.read(KEY_NAME).orElseThrow(() -> new IllegalStateException("no device cookie key stored"));
        });
        key = Base64.getUrlDecoder().decode(stored);
        return key;
    }
}
