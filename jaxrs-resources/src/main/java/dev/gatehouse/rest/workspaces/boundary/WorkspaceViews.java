package dev.gatehouse.rest.workspaces.boundary;

import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import java.time.Instant;
import java.util.Set;

/** Seed 001's workspace shape, as response records (see {@link Wire}). */
final class WorkspaceViews {

    private WorkspaceViews() {
    }

    @Wire.Schema("Workspace")
    record View(long id, String name, String slug, @Doc(examples = "[\"free\", \"pro\"]") String tier,
                Settings settings, Instant createdAt, Instant updatedAt) {

        static final Set<String> FIELDS = Wire.fields(View.class);

        static View from(Workspace w) {
            return new View(w.id(), w.name(), w.slug(), w.tier(), Settings.from(w.settings()), w.createdAt(), w.updatedAt());
        }
    }

    /** The settings as stored, defaults filled in; the same shape is accepted by create and update. */
    @Wire.Schema("WorkspaceSettings")
    @Doc("Fields not listed here are refused with a 422.")
    record Settings(@Doc(examples = "[\"UTC\"]") String timezone, @Doc(examples = "[\"en\"]") String locale) {

        static Settings from(dev.gatehouse.keys.WorkspaceSettings s) {
            return new Settings(s.timezone() != null ? s.timezone() : dev.gatehouse.keys.WorkspaceSettings.DEFAULT_TIMEZONE,
                    s.locale() != null ? s.locale() : dev.gatehouse.keys.WorkspaceSettings.DEFAULT_LOCALE);
        }
    }
}
