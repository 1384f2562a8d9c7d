package dev.rockstar.tenancy.rest;

import dev.rockstar.tenancy.problems.ProblemCode;
import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Reads a JSON body into the {@code String} the resources take, refusing bytes that are not
 * text in the body's charset (UTF-8 unless it says otherwise) with 400 {@code VALIDATION_FAILED}.
 * The servers' own String readers replace such bytes with U+FFFD and the body would be stored
 * altered; an unknown charset would fail inside the server. An application's reader takes
 * precedence over the built-in one for the same type (JAX-RS 4.1.3).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "application/x-ndjson"})
public class JsonText implements MessageBodyReader<String> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == String.class;
    }

    @Override
    public String readFrom(
            Class<String> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        Charset charset = charsetOf(mediaType);
        byte[] bytes = entityStream.readAllBytes();
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ValidationFailedException("The body is not valid " + charset.name());
        }
    }

    private static Charset charsetOf(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset; send UTF-8");
        }
    }
}
