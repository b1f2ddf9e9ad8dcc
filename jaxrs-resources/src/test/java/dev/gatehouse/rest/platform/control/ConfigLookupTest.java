package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings where the server offers MicroProfile Config, and where it offers none. */
class ConfigLookupTest {

    @Test
    void value_withMicroProfileConfig_takesItsValueTrimmed() {
        assertThat(ConfigLookup.value(name -> Optional.of("  from-config "), "gatehouse.db.url")).contains("from-config");
    }

    @Test
    void value_withMicroProfileConfig_ignoresTheSystemProperty() {
        String name = "gatehouse.test.config-lookup.shadowed";
        System.setProperty(name, "from-property");
        try {
            assertThat(ConfigLookup.value(n -> Optional.empty(), name)).isEmpty();
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void value_withoutConfig_readsTheSystemPropertyTrimmed() {
        String name = "gatehouse.test.config-lookup.value";
        System.setProperty(name, "  jdbc:postgresql://db/gatehouse ");
        try {
            assertThat(ConfigLookup.value(null, name)).contains("jdbc:postgresql://db/gatehouse");
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void value_withoutConfigOrAnySource_isEmpty() {
        assertThat(ConfigLookup.value(null, "gatehouse.test.config-lookup.absent")).isEmpty();
    }

    @Test
    void value_blank_isEmpty() {
        String name = "gatehouse.test.config-lookup.blank";
        System.setProperty(name, "   ");
        try {
            assertThat(ConfigLookup.value(null, name)).isEmpty();
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void value_withoutConfig_readsTheEnvironmentVariableByItsConventionalName() {
        // PATH is set wherever tests run; "path" maps to it as gatehouse.db.url maps to GATEHOUSE_DB_URL.
        assertThat(ConfigLookup.value(null, "path")).isEqualTo(Optional.of(System.getenv("PATH").trim()));
    }

    @Test
    void value_withoutConfig_fallsBackToTheDefaultsFileOnTheClassPath() {
        // src/test/resources/META-INF/microprofile-config.properties, as the WAR's own file would be
        assertThat(ConfigLookup.value(null, "gatehouse.test.config-lookup.from-file")).contains("file-default");
    }

    @Test
    void flag_readsTrueInAnyCaseAndFallsBackWhenUnset() {
        String name = "gatehouse.test.config-lookup.flag";
        assertThat(ConfigLookup.flag(name, true)).isTrue();
        System.setProperty(name, "TRUE");
        try {
            assertThat(ConfigLookup.flag(name, false)).isTrue();
            System.setProperty(name, "no");
            assertThat(ConfigLookup.flag(name, true)).isFalse();
        } finally {
            System.clearProperty(name);
        }
    }
}
