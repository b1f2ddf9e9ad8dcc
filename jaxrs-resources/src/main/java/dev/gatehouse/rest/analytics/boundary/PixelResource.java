package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.Feature;
import dev.gatehouse.analytics.Hostnames;
import dev.gatehouse.analytics.Site;
import dev.gatehouse.rest.analytics.control.SiteDirectoryCache;
import dev.gatehouse.rest.platform.boundary.Public;
import dev.gatehouse.rest.platform.boundary.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Issue 13's public pixel: {@code GET /pixel/config} (is this domain tracked, and how),
 * {@code POST /pixel/track} (seed 001's body or the Plausible tracker's, as JSON or text/plain),
 * {@code GET /pixel/track.gif} (the same from an {@code <img>}: noscript and e-mail) and
 * {@code GET /pixel/script.js} (our tracker). No key; limited per client address like every public
 * endpoint, and per site by its ceiling. The client's address only ever enters the visitor HMAC.
 *
 * <p>{@code POST /pixel/track}, the hottest public path, is served in front of Jersey by
 * {@link PixelTrackFilter}; the method here describes it in the OpenAPI document and serves the
 * requests that filter leaves to Jersey. Both hand the request to {@link PixelTracking}, which
 * holds its handling. Application scoped, with the request's headers as method parameters:
 * creating a request-scoped bean with its injections took about a quarter of a hit's time under
 * load (JFR, BENCHMARKS.md).
 */
@Path("pixel")
@Wire.Records({PixelResource.PixelConfig.class, PixelResource.PixelTracked.class})
@ApplicationScoped
@Public
public class PixelResource {

    private static final byte[] SCRIPT = resource("gatehouse-pixel.js");

    @Inject
    SiteDirectoryCache directory;

    @Inject
    PixelTracking tracking;

    @GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config(@QueryParam("domain") String domain, @Context HttpHeaders headers) {
        String host = domain != null && !domain.isBlank() ? domain
                : headers.getHeaderString("Origin") != null ? Hostnames.ofUrl(headers.getHeaderString("Origin")).orElse(null)
                : Hostnames.ofUrl(headers.getHeaderString("Referer")).orElse(null);
        Site site = directory.current().resolve(host).filter(Site::enabled).orElse(null);
        return Response.ok(dev.gatehouse.rest.platform.boundary.Json.object(PixelConfig.from(site)))
                .header("Cache-Control", "public, max-age=300").header("Vary", "Origin").build();
    }

    /**
     * Served by {@link PixelTrackFilter} in front of Jersey; a request that filter leaves alone (a
     * query string, an {@code Accept} it does not answer, a form body, a declared length over the
     * platform's limit) arrives here and is handled by the same {@link PixelTracking}.
     */
    @POST
    @Path("track")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response track(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return response(tracking.track(tracking.read(body), request(headers, request)));
    }

    @GET
    @Path("track.gif")
    @Produces("image/gif")
    public Response gif(@QueryParam("n") String n, @QueryParam("u") String u, @QueryParam("r") String r,
                        @QueryParam("d") String d, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return response(tracking.gif(n, u, r, d, request(headers, request)));
    }

    @GET
    @Path("script.js")
    @Produces("text/javascript")
    public Response script() {
        return Response.ok(SCRIPT, "text/javascript; charset=utf-8").header("Cache-Control", "public, max-age=3600").build();
    }

    private static Response response(PixelTracking.Answer answer) {
        Response.ResponseBuilder r = Response.ok(answer.gif() ? answer.body() : answer.json()).type(answer.contentType());
        answer.headers().forEach(r::header);
        return r.build();
    }

    private static PixelTracking.Request request(HttpHeaders headers, HttpServletRequest request) {
        return new PixelTracking.Request() {
            @Override
            public String header(String name) {
                return headers.getHeaderString(name);
            }

            @Override
            public String peerAddress() {
                return request == null ? null : request.getRemoteAddr();
            }
        };
    }

    /** What {@code config} answers: whether the domain is tracked, and how. */
    record PixelConfig(@Wire.Required boolean enabled, @Wire.Required PixelFeatures features,
                       @Wire.Required double sampleRate) {

        static PixelConfig from(Site site) {
            return new PixelConfig(site != null, new PixelFeatures(records(site, Feature.PAGEVIEWS),
                    records(site, Feature.EVENTS), records(site, Feature.SESSIONS)), site == null ? 0.0 : site.sampleRate());
        }

        private static boolean records(Site site, Feature f) {
            return site != null && site.records(f);
        }
    }

    /** The features of {@link PixelConfig}, by wire name. */
    record PixelFeatures(boolean pageviews, boolean events, boolean sessions) {
    }

    /** What a JSON hit answers. */
    record PixelTracked(@Wire.Required boolean tracked,
                        @Wire.Omitted @Wire.Values({"bot", "do_not_track", "feature_disabled"})
                        @Wire.Doc("Why it was not recorded; the X-Pixel-Dropped header says it too.") String reason) {
    }

    private static byte[] resource(String name) {
        try (InputStream in = PixelResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from jaxrs-resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
