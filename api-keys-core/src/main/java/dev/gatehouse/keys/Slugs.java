package dev.gatehouse.keys;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Workspace slugs: their syntax and how one is made from a name. */
final class Slugs {

    static final int MAX_LENGTH = 63;
    static final String SYNTAX = "[a-z0-9]+(-[a-z0-9]+)*";
    static final String FALLBACK = "workspace";
    private static final Pattern VALID = Pattern.compile(SYNTAX);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {
    }

    static boolean isValid(String slug) {
        return slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** "Café Zürich & Co." becomes "cafe-zurich-co"; a name with no latin letters or digits "workspace". */
    static String fromName(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        String slug = trimHyphens(NON_ALNUM.matcher(plain).replaceAll("-"));
        if (slug.length() > MAX_LENGTH) {
            slug = trimHyphens(slug.substring(0, MAX_LENGTH));
        }
        return slug.isEmpty() ? FALLBACK : slug;
    }

    /** The n-th candidate for a taken slug: {@code base-n}, with the base cut to keep 63 characters. */
    static String withSuffix(String base, int n) {
        String suffix = "-" + n;
        String head = base.length() + suffix.length() > MAX_LENGTH
            ? trimHyphens(base.substring(0, MAX_LENGTH - suffix.length()))
            : base;
        return head + suffix;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
