package dev.gatehouse.rest.mcp.control;

import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one REST call in-process: the servlet container forwards a wrapped copy of the MCP request
 * (new method, path, query, body and headers; the caller's own {@code Authorization}, {@code X-API-Key}
 * and cookies kept) to the JAX-RS application and the answer is captured instead of sent. The call
 * therefore passes through exactly the filters a REST call passes through — authentication, scopes,
 * tenancy, rate limits, idempotency, audit.
 *
 * <p>The request carries the attribute {@link #VIA_ATTRIBUTE} = {@code "mcp"}; unlike a header, a
 * client cannot set it, so the audit log can trust it.
 */
public final class RestDispatcher implements Rest {

    /** Request attribute naming the channel a REST call came through ({@code "mcp"}), for the audit log. */
    public static final String VIA_ATTRIBUTE = "dev.gatehouse.via";

    /** Headers of the MCP request that are not passed on; the dispatched call sets its own. */
    private static final Set<String> DROPPED = Set.of("content-type", "content-length", "accept", "accept-encoding",
            "transfer-encoding", "idempotency-key", "mcp-protocol-version", "mcp-session-id", "last-event-id", "origin",
            "expect", "connection");

    private final ServletContext context;
    private final String apiPath;
    private final HttpServletRequest original;

    /**
     * @param context  the web application's context
     * @param apiPath  where the JAX-RS application is mapped, e.g. {@code /api/v1}
     * @param original the request whose credentials the call carries: the servlet's own request, or
     *                 CDI's {@code HttpServletRequest} (never JAX-RS's {@code @Context} proxy, which
     *                 resolves to the request being dispatched and so would wrap itself)
     */
    public RestDispatcher(ServletContext context, String apiPath, HttpServletRequest original) {
        this.context = context;
        this.apiPath = apiPath;
        this.original = original;
    }

    @Override
    public Reply call(Call call) {
        String target = apiPath + call.pathAndQuery();
        RequestDispatcher dispatcher = context.getRequestDispatcher(target);
        if (dispatcher == null) {
            throw new IllegalStateException("No dispatcher for " + target);
        }
        Request request = new Request(original, call);
        Response response = new Response();
        Object previous = original.getAttribute(VIA_ATTRIBUTE);
        original.setAttribute(VIA_ATTRIBUTE, "mcp");
        try {
            dispatcher.forward(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException("REST call " + call.method() + " " + call.pathAndQuery() + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (previous == null) {
                original.removeAttribute(VIA_ATTRIBUTE);
            } else {
                original.setAttribute(VIA_ATTRIBUTE, previous);
            }
        }
        return new Reply(response.status, response.headers, response.body());
    }

    /** The MCP request seen as the REST call: its method, body and headers replaced. */
    static final class Request extends HttpServletRequestWrapper {
        private final Call call;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();

        Request(HttpServletRequest original, Call call) {
            super(original);
            this.call = call;
            for (Enumeration<String> names = original.getHeaderNames(); names != null && names.hasMoreElements(); ) {
                String name = names.nextElement();
                String key = name.toLowerCase(Locale.ROOT);
                if (!DROPPED.contains(key)) {
                    headers.put(key, Collections.list(original.getHeaders(name)));
                }
            }
            call.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), List.of(value)));
            headers.put("accept", List.of("application/json"));
            if (call.body() != null) {
                headers.put("content-type", List.of("application/json"));
                headers.put("content-length", List.of(Integer.toString(call.body().length)));
            }
        }

        @Override
        public String getMethod() {
            return call.method();
        }

        @Override
        public String getHeader(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return Collections.enumeration(values == null ? List.of() : values);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(new ArrayList<>(headers.keySet()));
        }

        @Override
        public int getIntHeader(String name) {
            String value = getHeader(name);
            return value == null ? -1 : Integer.parseInt(value);
        }

        @Override
        public long getDateHeader(String name) {
            return getHeader(name) == null ? -1 : super.getDateHeader(name);
        }

        @Override
        public String getContentType() {
            return call.body() == null ? null : "application/json";
        }

        @Override
        public int getContentLength() {
            return call.body() == null ? -1 : call.body().length;
        }

        @Override
        public long getContentLengthLong() {
            return getContentLength();
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(call.body() == null ? new byte[0] : call.body());
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    /**
     * What the capturing response wraps: a response bound to no connection, answering every call with
     * a default value; the capturing response overrides everything a servlet uses, so nothing reaches it.
     */
    private static final HttpServletResponse DETACHED = (HttpServletResponse) Proxy.newProxyInstance(
            RestDispatcher.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                Class<?> type = method.getReturnType();
                if (type == boolean.class) {
                    return false;
                }
                if (type == int.class) {
                    return 0;
                }
                if (type == long.class) {
                    return 0L;
                }
                if (method.getName().equals("toString")) {
                    return "detached response";
                }
                if (method.getName().equals("hashCode")) {
                    return System.identityHashCode(proxy);
                }
                if (method.getName().equals("equals")) {
                    return proxy == args[0];
                }
                return null;
            });

    /** Captures status, headers and body instead of sending them. */
    static final class Response extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private int status = 200;
        private PrintWriter writer;
        private ServletOutputStream stream;

        Response() {
            super(DETACHED);
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return out.toByteArray();
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void sendRedirect(String location) {
            status = 302;
            setHeader("Location", location);
        }

        @Override
        public void setHeader(String name, String value) {
            if (value == null) {
                headers.remove(name.toLowerCase(Locale.ROOT));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
            }
        }

        @Override
        public void addHeader(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        }

        @Override
        public void setIntHeader(String name, int value) {
            setHeader(name, Integer.toString(value));
        }

        @Override
        public void addIntHeader(String name, int value) {
            addHeader(name, Integer.toString(value));
        }

        @Override
        public void setDateHeader(String name, long date) {
            setHeader(name, Long.toString(date));
        }

        @Override
        public void addDateHeader(String name, long date) {
            addHeader(name, Long.toString(date));
        }

        @Override
        public boolean containsHeader(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String getHeader(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public java.util.Collection<String> getHeaders(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? List.of() : List.copyOf(values);
        }

        @Override
        public java.util.Collection<String> getHeaderNames() {
            return List.copyOf(headers.keySet());
        }

        @Override
        public void setContentType(String type) {
            setHeader("Content-Type", type);
        }

        @Override
        public String getContentType() {
            return getHeader("Content-Type");
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        @Override
        public void setCharacterEncoding(String charset) {
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("blocking only");
                    }

                    @Override
                    public void write(int b) {
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        out.write(b, off, len);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public void setBufferSize(int size) {
        }

        @Override
        public int getBufferSize() {
            return 8192;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void reset() {
            out.reset();
            headers.clear();
            status = 200;
        }

        @Override
        public void resetBuffer() {
            out.reset();
        }

        @Override
        public void addCookie(jakarta.servlet.http.Cookie cookie) {
        }

        @Override
        public void setLocale(Locale loc) {
        }

        @Override
        public Locale getLocale() {
            return Locale.ROOT;
        }
    }
}
