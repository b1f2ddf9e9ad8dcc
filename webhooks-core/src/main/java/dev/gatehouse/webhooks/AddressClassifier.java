package dev.gatehouse.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sorts IP addresses into the {@link AddressRule} classes, including IPv4 addresses embedded in
 * IPv6 ones (mapped, compatible, NAT64, 6to4, Teredo), and reads numeric host spellings the way
 * {@code inet_aton} does so that {@code 0177.1} is recognised as loopback.
 */
final class AddressClassifier {

    private static final int METADATA_V4 = ipv4(169, 254, 169, 254);
    private static final int ALIBABA_METADATA_V4 = ipv4(100, 100, 100, 200);
    private static final byte[] METADATA_V6 = {
        (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    private static final List<int[]> RESERVED_V4 = List.of(
            new int[] {ipv4(192, 0, 0, 0), 24},
            new int[] {ipv4(192, 0, 2, 0), 24},
            new int[] {ipv4(198, 18, 0, 0), 15},
            new int[] {ipv4(198, 51, 100, 0), 24},
            new int[] {ipv4(203, 0, 113, 0), 24},
            new int[] {ipv4(240, 0, 0, 0), 4});

    private AddressClassifier() {
    }

    /** Returns the rule the address breaks, or {@code null} for an ordinary public address. */
    static AddressRule classify(InetAddress address) {
        if (address instanceof Inet4Address) {
            return classifyV4(toInt(address.getAddress(), 0));
        }
        if (address instanceof Inet6Address) {
            return classifyV6(address.getAddress());
        }
        return AddressRule.RESERVED;
    }

    static AddressRule classifyV4(int a) {
        if (a == METADATA_V4 || a == ALIBABA_METADATA_V4) {
            return AddressRule.METADATA;
        }
        int first = a >>> 24;
        if (first == 0) {
            return AddressRule.UNSPECIFIED;
        }
        if (first == 127) {
            return AddressRule.LOOPBACK;
        }
        if (first == 10 || in(a, ipv4(172, 16, 0, 0), 12) || in(a, ipv4(192, 168, 0, 0), 16)
                || in(a, ipv4(100, 64, 0, 0), 10)) {
            return AddressRule.PRIVATE;
        }
        if (in(a, ipv4(169, 254, 0, 0), 16)) {
            return AddressRule.LINK_LOCAL;
        }
        if (a == -1) {
            return AddressRule.BROADCAST;
        }
        if (in(a, ipv4(224, 0, 0, 0), 4)) {
            return AddressRule.MULTICAST;
        }
        for (int[] range : RESERVED_V4) {
            if (in(a, range[0], range[1])) {
                return AddressRule.RESERVED;
            }
        }
        return null;
    }

    static AddressRule classifyV6(byte[] b) {
        if (java.util.Arrays.equals(b, METADATA_V6)) {
            return AddressRule.METADATA;
        }
        if (zero(b, 0, 15)) {
            if (b[15] == 0) {
                return AddressRule.UNSPECIFIED;
            }
            if (b[15] == 1) {
                return AddressRule.LOOPBACK;
            }
        }
        if (zero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return classifyV4(toInt(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (zero(b, 0, 12)) {
            return classifyV4(toInt(b, 12)); // deprecated IPv4-compatible ::a.b.c.d
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            if (zero(b, 4, 12)) {
                return classifyV4(toInt(b, 12)); // NAT64 well-known prefix 64:ff9b::/96
            }
            if (b[4] == 0 && b[5] == 1) {
                return AddressRule.PRIVATE; // local-use NAT64 64:ff9b:1::/48
            }
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return classifyV4(toInt(b, 2)); // 6to4 2002:aabb:ccdd::/48
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return classifyV4(~toInt(b, 12)); // Teredo: client address stored inverted
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
            return AddressRule.RESERVED; // documentation 2001:db8::/32
        }
        if (b[0] == 0x01 && b[1] == 0x00 && zero(b, 2, 8)) {
            return AddressRule.RESERVED; // discard-only 100::/64
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return AddressRule.PRIVATE; // unique local fc00::/7
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80) {
            return AddressRule.LINK_LOCAL; // fe80::/10
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0xc0) {
            return AddressRule.PRIVATE; // deprecated site-local fec0::/10
        }
        if (b[0] == (byte) 0xff) {
            return AddressRule.MULTICAST;
        }
        return null;
    }

    /**
     * Reads a host the way {@code inet_aton} (and the WHATWG URL standard) does: one to four
     * dot-separated parts, each decimal, octal with a leading {@code 0}, or hexadecimal with
     * {@code 0x}; the last part fills the remaining bytes. Empty when the text is not such a number.
     */
    static OptionalLong parseInetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length == 0 || parts.length > 4) {
            return OptionalLong.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long value = parsePart(parts[i]);
            if (value < 0) {
                return OptionalLong.empty();
            }
            values[i] = value;
        }
        long result = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return OptionalLong.empty();
            }
            result |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        long lastLimit = 1L << (8 * (5 - parts.length));
        if (last >= lastLimit) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(result | last);
    }

    /** Whether the last label of a host is a number, which makes the whole host an IPv4 literal. */
    static boolean looksNumeric(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.startsWith("0x")) {
            return last.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Four decimal octets without leading zeros: the only IPv4 spelling every parser agrees on. */
    static boolean isCanonicalIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static long parsePart(String part) {
        if (part.isEmpty() || part.length() > 34) {
            return -1;
        }
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part, 10);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static boolean in(int address, int network, int prefixLength) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (address & mask) == (network & mask);
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int toInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16
                | (bytes[offset + 2] & 0xff) << 8 | (bytes[offset + 3] & 0xff);
    }

    static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
