package dev.gatehouse.rest.platform.boundary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checks {@link ErrorShapeFilter} makes on the raw request before anything else reads it, so
 * that input a server may pass through (servers differ) is refused the same way on every server:
 * the path must be well-formed percent-encoding of UTF-8 without control characters; the query
 * string must be well-formed percent-encoding; header values hold printable ASCII (and tabs) only;
 * a {@code Content-Type} must be a media type. Each check returns the refusal, or null.
 */
final class RequestSyntax {

    /** The largest header section Gatehouse accepts. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern HEADER_NAME = Pattern.compile(TOKEN);
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"([^\"\\\\]|\\\\.)*\"))*\\s*;?\\s*");

    private RequestSyntax() {
    }

    /** Checks the raw (still percent-encoded) request path. */
    static ApiException path(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return ApiException.badRequest("invalid_path", "The path holds a character that must be percent-encoded.");
            }
        }
        byte[] decoded = percentDecode(rawPath);
        if (decoded == null) {
            return ApiException.badRequest("invalid_path", "The path holds a '%' that is not followed by two hex digits.");
        }
        for (byte b : decoded) {
            if ((b >= 0 && b < 0x20) || b == 0x7F) {
                return ApiException.badRequest("invalid_path", "The path holds a control character (such as %00).");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
        } catch (CharacterCodingException e) {
            return ApiException.badRequest("invalid_path", "The path is not percent-encoded UTF-8 (such as %ff).");
        }
        return null;
    }

    /** Checks the raw query string. */
    static ApiException query(String rawQuery) {
        if (rawQuery != null && percentDecode(rawQuery) == null) {
            return ApiException.badRequest("invalid_query",
                    "The query string holds a '%' that is not followed by two hex digits.");
        }
        return null;
    }

    /**
     * Checks the header section: at most {@link #MAX_HEADER_BYTES} in all (counted as on the wire,
     * {@code name: value\r\n} per line), every value printable ASCII. The message names the header,
     * never its value (it may be a key).
     */
    static ApiException headers(Enumeration<String> names, Function<String, Enumeration<String>> values) {
        long size = 0;
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            if (!HEADER_NAME.matcher(name).matches()) {
                return ApiException.badRequest("invalid_header", "A header name holds characters a header name cannot have.");
            }
            Enumeration<String> each = values.apply(name);
            while (each != null && each.hasMoreElements()) {
                String value = each.nextElement();
                size += name.length() + value.length() + 4;
                if (size > MAX_HEADER_BYTES) {
                    return new ApiException(431, "headers_too_large",
                            "The request headers are larger than " + MAX_HEADER_BYTES + " bytes.");
                }
                if (!printable(value)) {
                    return ApiException.badRequest("invalid_header", "The " + printableName(name)
                            + " header holds control or non-ASCII characters; header values must be printable ASCII.");
                }
            }
        }
        return null;
    }

    /** Checks a Content-Type header, if there is one. */
    static ApiException contentType(String value) {
        if (value == null || value.isBlank() || MEDIA_TYPE.matcher(value.trim()).matches()) {
            return null;
        }
        return ApiException.badRequest("invalid_header",
                "The Content-Type header is not a media type; send application/json.");
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String printableName(String name) {
        return printable(name) && name.length() <= 64 ? name : "a";
    }

    /** The bytes a percent-encoded string stands for, or null when a '%' is malformed. */
    static byte[] percentDecode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return null;
                }
                out[n++] = (byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                out[n++] = (byte) c; // callers only pass ASCII here, or do not look at the bytes
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
