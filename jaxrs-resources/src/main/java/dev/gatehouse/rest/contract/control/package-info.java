/**
 * Generation of the OpenAPI 3.1 document from the JAX-RS resources (reflection) and their sidecar
 * {@code <Resource>.openapi.json} files (summaries, schemas), plus a small YAML writer. The same code
 * runs at build time ({@code OpenApiExport}, for the generated client) and at run time.
 *
 * <p>Why our own code and not MicroProfile OpenAPI: the server's implementation (Payara 6) writes
 * OpenAPI 3.0, not the 3.1 the seeds promise, adds a non-standard top-level {@code endpoints} key,
 * and shows types from the WAR's libraries as bare {@code object}s unless it scans every jar; and
 * an annotation-scanned document lives with the server, not with the build. Generating it here
 * makes the same 3.1 document at build time (the Java client the integration tests compile against)
 * and at run time on any server, with scopes and error responses taken from the same annotations
 * the filters enforce. So {@code mp.openapi.scan.disable=true}, and nothing depends on the
 * MicroProfile OpenAPI API.
 */
package dev.gatehouse.rest.contract.control;
