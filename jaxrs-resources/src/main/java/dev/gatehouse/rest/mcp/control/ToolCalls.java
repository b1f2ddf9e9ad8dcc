package dev.gatehouse.rest.mcp.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a tool's arguments into its REST call. Only the shape is checked here — known argument
 * names, required ones present, path and query values scalars of the declared type, the body an
 * object — and a bad shape is a JSON-RPC invalid-params error before anything runs; the body's
 * content is validated by the REST operation itself (422 as a tool error).
 */
final class ToolCalls {

    private static final Pattern TEMPLATE = Pattern.compile("\\{(\\w+)}");

    private ToolCalls() {
    }

    static Rest.Call toCall(GatehouseTool tool, JsonObject arguments) {
        for (String name : arguments.keySet()) {
            if (!tool.arguments().containsKey(name)) {
                throw McpFailure.params("Tool " + tool.name() + " has no argument " + name + "; it takes "
                        + String.join(", ", tool.arguments().keySet()) + ".");
            }
        }
        Map<String, String> pathValues = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        for (Map.Entry<String, GatehouseTool.Parameter> e : tool.arguments().entrySet()) {
            String argument = e.getKey();
            GatehouseTool.Parameter parameter = e.getValue();
            JsonValue value = arguments.get(argument);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                if (parameter.required()) {
                    throw McpFailure.params("Tool " + tool.name() + " needs the argument " + argument + ".");
                }
                continue;
            }
            if (parameter.in() == GatehouseTool.In.BODY) {
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw McpFailure.params("The argument body must be a JSON object.");
                }
                body = value.toString().getBytes(StandardCharsets.UTF_8);
                continue;
            }
            String scalar = scalar(tool, argument, parameter, value);
            switch (parameter.in()) {
                case PATH -> {
                    if (scalar.isEmpty() || scalar.contains("/") || scalar.equals(".") || scalar.equals("..")) {
                        throw McpFailure.params("The argument " + argument + " of " + tool.name()
                                + " is one path segment: not empty, no slash, not . or ..");
                    }
                    pathValues.put(parameter.name(), scalar);
                }
                case QUERY -> query.append(query.isEmpty() ? '?' : '&').append(McpServer.encode(parameter.name()))
                        .append('=').append(McpServer.encode(scalar));
                case HEADER -> headers.put(parameter.name(), scalar);
                default -> throw new IllegalStateException(parameter.in().toString());
            }
        }
        Matcher m = TEMPLATE.matcher(tool.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(McpServer.encode(pathValues.get(m.group(1)))));
        }
        m.appendTail(path);
        return new Rest.Call(tool.method(), path + query.toString(), headers, body);
    }

    private static String scalar(GatehouseTool tool, String argument, GatehouseTool.Parameter parameter, JsonValue value) {
        String type = parameter.type();
        switch (value.getValueType()) {
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                if (type.equals("integer") && !n.isIntegral()) {
                    throw McpFailure.params("The argument " + argument + " of " + tool.name() + " must be an integer.");
                }
                if (!type.equals("integer") && !type.equals("number") && !type.equals("string")) {
                    throw wrongType(tool, argument, type);
                }
                return n.isIntegral() ? n.bigIntegerValue().toString() : n.toString();
            }
            case STRING -> {
                String s = ((JsonString) value).getString();
                if (type.equals("integer") && !s.matches("-?[0-9]{1,18}")) {
                    throw McpFailure.params("The argument " + argument + " of " + tool.name() + " must be an integer.");
                }
                if (type.equals("boolean") && !s.equals("true") && !s.equals("false")) {
                    throw wrongType(tool, argument, type);
                }
                return s;
            }
            case TRUE, FALSE -> {
                if (!type.equals("boolean") && !type.equals("string")) {
                    throw wrongType(tool, argument, type);
                }
                return value.toString();
            }
            default -> throw wrongType(tool, argument, type);
        }
    }

    private static McpFailure wrongType(GatehouseTool tool, String argument, String type) {
        return McpFailure.params("The argument " + argument + " of " + tool.name() + " must be a " + type + ".");
    }
}
