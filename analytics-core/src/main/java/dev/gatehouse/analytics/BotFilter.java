package dev.gatehouse.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recognises bots, crawlers and headless browsers by their user agent, using the patterns of
 * <a href="https://github.com/monperrus/crawler-user-agents">crawler-user-agents</a> (a list many
 * projects maintain and test in several languages), vendored into this jar from its pinned npm
 * package at build time. No pattern is written here. A missing or empty user agent counts as a bot.
 * Answers are cached per user agent (bounded), since a site sees the same few hundred again and again.
 */
public final class BotFilter {

    static final String LIST = "crawler-user-agents.json";
    private static final Pattern ENTRY = Pattern.compile("\"pattern\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int CACHE_LIMIT = 10_000;

    private final List<Pattern> patterns;
    private final Pattern any;
    private final ConcurrentHashMap<String, Optional<String>> cache = new ConcurrentHashMap<>();

    BotFilter(List<String> sources) {
        List<Pattern> compiled = new ArrayList<>();
        for (String source : sources) {
            try {
                compiled.add(Pattern.compile(source));
            } catch (PatternSyntaxException notJavaSyntax) {
                // the list is tested against other regex engines; one Java cannot read is left out
            }
        }
        if (compiled.isEmpty()) {
            throw new IllegalStateException("the bot list has no usable pattern");
        }
        this.patterns = List.copyOf(compiled);
        this.any = Pattern.compile(String.join("|", compiled.stream().map(p -> "(?:" + p.pattern() + ")").toList()));
    }

    /** The filter with the vendored crawler-user-agents list. */
    public static BotFilter crawlerUserAgents() {
        try (InputStream in = BotFilter.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from analytics-core's jar (vendored at build time)");
            }
            return new BotFilter(patternsOf(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many patterns the list holds. */
    public int size() {
        return patterns.size();
    }

    /**
     * Why this user agent is a bot — the list's pattern that matched, or {@code "no user agent"} —
     * or empty for a person's browser.
     */
    public Optional<String> match(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.of("no user agent");
        }
        Optional<String> cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        Optional<String> answer = Optional.empty();
        if (any.matcher(userAgent).find()) {
            answer = patterns.stream().filter(p -> p.matcher(userAgent).find()).map(Pattern::pattern).findFirst();
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(userAgent, answer);
        return answer;
    }

    /** The {@code pattern} strings of the list's JSON (an array of objects), JSON escapes undone. */
    static List<String> patternsOf(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            out.add(unescape(m.group(1)));
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n); // \" \\ \/
            }
        }
        return b.toString();
    }
}
