package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ArchiveFormsTest {

    @Test
    void aDownloadIsNamedForItsTenantAndTheTimeInUtc() {
        ExportTenant export = new ExportTenant();
        export.clock = Clock.fixed(Instant.parse("2026-12-06T18:05:09.123Z"), ZoneOffset.ofHours(5));
        assertEquals("acme-20261206T180509Z.zip", export.fileName("acme"));
    }

    @Test
    void anUploadsNameLosesAnyPathTheBrowserAdded() {
        assertEquals("acme.zip", Uploads.name(part("C:\\fakepath\\acme.zip", 3, new AtomicBoolean())));
        assertEquals("acme.zip", Uploads.name(part("/home/op/acme.zip", 3, new AtomicBoolean())));
        assertEquals("the upload", Uploads.name(part(null, 3, new AtomicBoolean())));
        assertEquals("the upload", Uploads.name(null));
    }

    @Test
    void noFileIsARefusalOfTheArchiveFieldAndAReadUploadIsRemoved() {
        ValidationFailedException none =
                assertThrows(ValidationFailedException.class, () -> Uploads.<Integer>read(null, in -> 1));
        assertEquals("archive", none.field().orElseThrow());
        AtomicBoolean deleted = new AtomicBoolean();
        assertThrows(
                ValidationFailedException.class, () -> Uploads.<Integer>read(part("empty.zip", 0, deleted), in -> 1));
        AtomicBoolean removed = new AtomicBoolean();
        assertEquals(3, Uploads.<Integer>read(part("a.zip", 3, removed), ArchiveFormsTest::available));
        assertTrue(removed.get(), "the container's copy is removed once read");
    }

    private static Integer available(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Part part(String name, long size, AtomicBoolean deleted) {
        return (Part) Proxy.newProxyInstance(
                Part.class.getClassLoader(), new Class<?>[] {Part.class}, (p, m, a) -> switch (m.getName()) {
                    case "getSubmittedFileName" -> name;
                    case "getSize" -> size;
                    case "getInputStream" -> new ByteArrayInputStream(new byte[(int) size]);
                    case "delete" -> {
                        deleted.set(true);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
