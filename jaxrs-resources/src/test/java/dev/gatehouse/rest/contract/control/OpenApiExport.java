package dev.gatehouse.rest.contract.control;

import dev.gatehouse.rest.Gatehouse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the OpenAPI document of {@link Gatehouse#restClasses()} to {@code <dir>/openapi.json} and
 * {@code openapi.yaml} at build time (exec-maven-plugin, process-test-classes), so the client in
 * arquillian-tests is generated from exactly what the server serves.
 */
public final class OpenApiExport {

    private OpenApiExport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/openapi");
        Files.createDirectories(dir);
        JsonObject document = OpenApiDocument.build(Gatehouse.restClasses(), OpenApiDocument.DEFAULT_BASE_PATH);
        Files.writeString(dir.resolve("openapi.json"), pretty(document), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("openapi.yaml"), Yaml.of(document), StandardCharsets.UTF_8);
    }

    static String pretty(JsonObject document) {
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        try (JsonWriter writer = factory.createWriter(out)) {
            writer.write(document);
        }
        return out.toString();
    }
}
