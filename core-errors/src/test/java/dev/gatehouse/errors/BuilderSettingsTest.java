package dev.gatehouse.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuilderSettingsTest {

    @Test
    void once_sameSettingTwice_isRefusedNamingIt() {
        BuilderSettings settings = new BuilderSettings();
        settings.once("clock");
        settings.once("store");

        assertThatThrownBy(() -> settings.once("clock"))
                .isInstanceOf(IllegalStateException.class).hasMessage("clock was already set");
    }

    @Test
    void requireNonNull_null_namesTheSetting() {
        assertThatThrownBy(() -> BuilderSettings.requireNonNull("store", null))
                .isInstanceOf(NullPointerException.class).hasMessage("store must not be null");
        assertThat(BuilderSettings.requireNonNull("store", "s")).isEqualTo("s");
    }

    @Test
    void requireAtLeast_belowMin_namesTheSettingAndTheValue() {
        assertThatThrownBy(() -> BuilderSettings.requireAtLeast("maxQuantity", 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxQuantity must be at least 1 but was 0");
        assertThat(BuilderSettings.requireAtLeast("maxQuantity", 1, 1)).isEqualTo(1);
    }
}
