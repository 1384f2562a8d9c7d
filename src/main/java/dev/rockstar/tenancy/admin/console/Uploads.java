package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** An archive uploaded with a console form ({@code h:inputFile}), handed to a control class as a stream. */
final class Uploads {

    private Uploads() {}

    /**
     * Reads the upload with {@code reader} and removes the container's copy of it afterwards,
     * whatever the reader made of it.
     *
     * @throws ValidationFailedException on field {@code archive} when no file was chosen, or it cannot be read
     */
    static <T> T read(Part upload, Function<InputStream, T> reader) {
        if (upload == null || upload.getSize() == 0) {
            throw new ValidationFailedException(
                    "archive", "archive: choose an archive (a .zip exported by Rockstar Tenancy)");
        }
        try (InputStream in = upload.getInputStream()) {
            return reader.apply(in);
        } catch (IOException | UncheckedIOException e) {
            throw new ValidationFailedException(
                    "archive", "archive: the upload could not be read (" + e.getMessage() + ")");
        } finally {
            try {
                upload.delete();
            } catch (IOException e) {
                // The container removes it at the end of the request anyway.
            }
        }
    }

    /** The file's name as the browser gave it, without any path a browser may have added. */
    static String name(Part upload) {
        String name = upload == null ? null : upload.getSubmittedFileName();
        if (name == null || name.isBlank()) {
            return "the upload";
        }
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }
}
