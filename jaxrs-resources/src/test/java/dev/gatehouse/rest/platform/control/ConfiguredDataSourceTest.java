package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Settings where the server offers no MicroProfile Config: system properties, then the environment. */
class ConfiguredDataSourceTest {

    @Test
    void value_withoutConfig_readsTheSystemPropertyTrimmed() {
        String name = "gatehouse.test.configured-data-source.value";
        System.setProperty(name, "  jdbc:postgresql://db/gatehouse ");
        try {
            assertThat(ConfiguredDataSource.Settings.value(null, name)).contains("jdbc:postgresql://db/gatehouse");
        } finally {
            System.clearProperty(name);
        }
    }

    @Test
    void value_withoutConfigOrProperty_isEmpty() {
        assertThat(ConfiguredDataSource.Settings.value(null, "gatehouse.test.configured-data-source.absent")).isEmpty();
    }

    @Test
    void value_withoutConfig_readsTheEnvironmentVariableByItsConventionalName() {
        // PATH is set wherever tests run; "path" maps to it as gatehouse.db.url maps to GATEHOUSE_DB_URL.
        assertThat(ConfiguredDataSource.Settings.value(null, "path")).isEqualTo(java.util.Optional.of(System.getenv("PATH").trim()));
    }
}
