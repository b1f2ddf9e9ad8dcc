package dev.gatehouse.rest.mcp.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatehouse's MCP resources: the OpenAPI document, the plan catalog and the event types as fixed
 * resources, and one template per single-object read ({@code GET} with path parameters that is not
 * a list), e.g. {@code gatehouse://workspaces/{id}}, derived from the tools. Reading one is the GET
 * it stands for, under the caller's key.
 */
public final class GatehouseResources {

    /** The URI scheme of Gatehouse's resources. */
    public static final String SCHEME = "gatehouse://";

    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{(\\w+)}");

    /**
     * A fixed resource or a template.
     *
     * @param uri      the URI or URI template
     * @param name     its name
     * @param title    a human title
     * @param path     the REST path it reads (a template for templates)
     * @param tool     the GET tool whose scopes it needs, or null when none does
     * @param pattern  for templates, what a concrete URI's path must match; null for fixed resources
     */
    public record Entry(String uri, String name, String title, String path, GatehouseTool tool, Pattern pattern) {

        JsonObject json(boolean template) {
            return Json.createObjectBuilder()
                    .add(template ? "uriTemplate" : "uri", uri)
                    .add("name", name)
                    .add("title", title)
                    .add("description", title + " (GET " + path + ")")
                    .add("mimeType", "application/json")
                    .build();
        }
    }

    /** A resolved read: the REST path to GET. */
    public record Target(String restPath, Entry entry) {
    }

    private final List<Entry> fixed = new ArrayList<>();
    private final List<Entry> templates = new ArrayList<>();

    /** The resources of these tools. */
    public GatehouseResources(GatehouseTools tools) {
        fixed.add(new Entry(SCHEME + "openapi.json", "openapi", "Gatehouse OpenAPI 3.1 document", "/openapi.json", null, null));
        addFixed(tools, "plans", "Plan catalog: tiers, features and limits", "/plans");
        addFixed(tools, "event-types", "Webhook event types", "/event-types");
        for (GatehouseTool tool : tools.all().values()) {
            boolean single = tool.method().equals("GET") && tool.path().contains("{") && !tool.arguments().containsKey("page");
            if (single) {
                String uri = SCHEME + tool.path().substring(1);
                Matcher m = TEMPLATE_PARAM.matcher(Pattern.quote(tool.path()));
                String regex = m.replaceAll(r -> Matcher.quoteReplacement("\\E([^/]+)\\Q"));
                templates.add(new Entry(uri, tool.name(), tool.definition().getString("title"), tool.path(), tool,
                        Pattern.compile(regex)));
            }
        }
    }

    private void addFixed(GatehouseTools tools, String name, String title, String path) {
        GatehouseTool tool = tools.all().values().stream()
                .filter(t -> t.method().equals("GET") && t.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No GET " + path + " operation for the resource " + name));
        fixed.add(new Entry(SCHEME + name, name, title, path, tool, null));
    }

    public List<Entry> fixed() {
        return List.copyOf(fixed);
    }

    public List<Entry> templates() {
        return List.copyOf(templates);
    }

    /** The REST read a resource URI stands for; empty when it is none of Gatehouse's. */
    public Optional<Target> resolve(String uri) {
        for (Entry e : fixed) {
            if (e.uri().equals(uri)) {
                return Optional.of(new Target(e.path(), e));
            }
        }
        if (!uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String path = "/" + uri.substring(SCHEME.length());
        for (Entry e : templates) {
            Matcher m = e.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            Matcher names = TEMPLATE_PARAM.matcher(e.path());
            StringBuilder rest = new StringBuilder();
            int group = 1;
            int last = 0;
            boolean valid = true;
            while (names.find()) {
                String value = m.group(group++);
                GatehouseTool.Parameter parameter = e.tool().arguments().get(names.group(1));
                if (parameter != null && parameter.type().equals("integer") && !value.matches("[0-9]{1,18}")
                        || value.equals(".") || value.equals("..")) {
                    valid = false;
                }
                rest.append(e.path(), last, names.start()).append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                last = names.end();
            }
            rest.append(e.path().substring(last));
            if (valid) {
                return Optional.of(new Target(rest.toString(), e));
            }
        }
        return Optional.empty();
    }

    /** Templates keyed by URI template, for tests. */
    Map<String, Entry> templatesByUri() {
        Map<String, Entry> out = new java.util.LinkedHashMap<>();
        templates.forEach(t -> out.put(t.uri(), t));
        return out;
    }
}
