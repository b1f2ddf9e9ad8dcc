package dev.gatehouse.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotFilterTest {

    private static BotFilter bots;

    @BeforeAll
    static void load() {
        bots = BotFilter.crawlerUserAgents();
    }

    @Test
    void crawlerUserAgents_loadsTheVendoredList() {
        assertThat(bots.size()).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
          "curl/8.5.0",
          "python-requests/2.31.0"})
    void match_knownBots_areBots(String userAgent) {
        assertThat(bots.match(userAgent)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"})
    void match_browsers_areNotBots(String userAgent) {
        assertThat(bots.match(userAgent)).isEmpty();
    }

    @Test
    void match_headlessChrome_namesThePattern() {
        assertThat(bots.match("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"))
            .hasValue("HeadlessChrome");
    }

    @Test
    void match_missingUserAgent_isABot() {
        assertThat(bots.match("")).hasValue("no user agent");
        assertThat(bots.match(null)).hasValue("no user agent");
    }

    @Test
    void patternsOf_undoesJsonEscapes() {
        assertThat(BotFilter.patternsOf("[{\"pattern\": \"Googlebot\\\\/\", \"url\": \"x\"}, {\"pattern\":\"a\\\"b\"}]"))
            .containsExactly("Googlebot\\/", "a\"b");
    }
}
