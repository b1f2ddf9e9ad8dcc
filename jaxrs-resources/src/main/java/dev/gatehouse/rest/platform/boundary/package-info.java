/**
 * HTTP concerns every feature shares: authentication ({@code Authentication}, {@code Caller},
 * {@code Tenancy}), scope checks ({@code @RequiresScopes}, {@code @Public}), request ids and the
 * body limit ({@code RequestIds}), CORS, the JSON body reader with its typed accessors, list
 * parsing ({@code ListQuery}), and the one error vocabulary: resources throw {@code ApiException}
 * (or a core exception that {@code CoreErrors} translates) and {@code ErrorMappers} is the one place
 * that turns exceptions into responses. Decisions: hostile input is refused here, once, for every
 * endpoint (nesting past 64 levels, trailing text, U+0000); and because some refusals happen below
 * JAX-RS, a servlet filter ({@code ErrorShapeFilter}) and the container's error page
 * ({@code ErrorPageServlet}) answer in the same shape with the same request id, using no JAX-RS.
 */
package dev.gatehouse.rest.platform.boundary;
