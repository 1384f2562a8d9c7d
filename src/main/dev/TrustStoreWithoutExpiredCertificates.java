import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * Writes the trust store of the README's run command: Payara Micro's own, without the root
 * certificates that have expired since its release. Payara Micro logs one NCLS-SECURITY-05054
 * warning per expired certificate at every start, and keeps a trust store it finds in its root
 * directory instead of unpacking its own. Nothing trusted changes: an expired root validates no
 * chain anyway.
 *
 * <p>Run by the build at {@code package} ({@code java TrustStoreWithoutExpiredCertificates.java
 * <payara's cacerts.p12> <root dir>/config/cacerts.p12}).
 */
public class TrustStoreWithoutExpiredCertificates {

    // Payara Micro's trust store password (its domain.xml), not a secret.
    private static final char[] PASSWORD = "changeit".toCharArray();

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path target = Path.of(args[1]);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(source)) {
            store.load(in, PASSWORD);
        }
        Date now = new Date();
        List<String> aliases = Collections.list(store.aliases());
        int removed = 0;
        for (String alias : aliases) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509
                    && x509.getNotAfter().before(now)) {
                store.deleteEntry(alias);
                removed++;
            }
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            store.store(out, PASSWORD);
        }
        System.out.println("Trust store of the run command: " + (aliases.size() - removed) + " certificates (" + removed
                + " expired left out) in " + target);
    }
}
