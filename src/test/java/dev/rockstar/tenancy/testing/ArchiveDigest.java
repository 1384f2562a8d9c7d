package dev.rockstar.tenancy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * What an archive is, as a server would see it: its name and every entry's path and bytes, in path
 * order. Two archives with the same digest deploy the same application, however ShrinkWrap built
 * them (the order entries were added in, zip timestamps and compression make no difference).
 */
public final class ArchiveDigest {

    private ArchiveDigest() {}

    public static String of(Archive<?> archive) {
        MessageDigest sha = sha256();
        update(sha, archive.getName());
        Map<String, Node> entries = new TreeMap<>();
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            entries.put(entry.getKey().get(), entry.getValue());
        }
        byte[] buffer = new byte[64 * 1024];
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            update(sha, entry.getKey());
            Asset asset = entry.getValue().getAsset();
            if (asset == null) {
                update(sha, "/"); // a directory
                continue;
            }
            try (InputStream in = asset.openStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            update(sha, "\0");
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(bytes);
        sha.update((byte) 0);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
