package dev.gatehouse.webhooks;

import java.nio.charset.StandardCharsets;

/** Keeps stored response bodies to at most 4 KiB of UTF-8 without splitting a character. */
final class BodyLimit {

    static final int MAX_BYTES = 4096;

    private BodyLimit() {
    }

    static String truncate(String text) {
        if (text == null || text.length() <= MAX_BYTES / 3) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_BYTES ? text : decodePrefix(bytes, MAX_BYTES);
    }

    /** Decodes the first {@code length} bytes, dropping a multi-byte character cut at the end. */
    static String decodePrefix(byte[] bytes, int length) {
        int end = length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            if (needed > back) {
                end -= back;
            }
            break;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
