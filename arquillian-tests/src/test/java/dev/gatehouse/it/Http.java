package dev.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for driving the deployed Gatehouse the way a user's code would. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    Call get(String path) {
        return call("GET", path);
    }

    Call post(String path) {
        return call("POST", path);
    }

    Call patch(String path) {
        return call("PATCH", path);
    }

    Call delete(String path) {
        return call("DELETE", path);
    }

    /** One request being put together. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call key(String key) {
            return header("Authorization", "Bearer " + key);
        }

        Call workspace(long id) {
            return header("X-Workspace-ID", Long.toString(id));
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call json(String json) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        Call raw(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            body = bytes;
            return this;
        }

        Reply send() {
            String p = path.startsWith("/") ? path.substring(1) : path;
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(p)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.headers(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A response. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        JsonObject data() {
            return json().getJsonObject("data");
        }

        JsonArray list() {
            return json().getJsonArray("data");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String error() {
            return json().getString("error");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
