/**
 * Generation of the OpenAPI 3.1 document from the JAX-RS resources (reflection), the response
 * records they answer with ({@code RecordSchemas}, from the components that {@code Wire} writes) and
 * their sidecar {@code <Resource>.openapi.json} files (tags, summaries, descriptions, request-body
 * schemas), plus a small YAML writer. The same code runs at build time ({@code OpenApiExport}, for
 * the generated client) and at run time, and the MCP server derives its tools' input and output
 * schemas from this document, so a response field is declared once, in its record: the JSON, the
 * document, the {@code fields=} whitelist and the MCP {@code outputSchema} follow.
 *
 * <p>Why our own code and not MicroProfile OpenAPI: the implementation on Payara 6 (MicroProfile
 * OpenAPI 3.1, and 4.0 in newer releases) writes an OpenAPI 3.0 document, while we publish 3.1
 * (JSON Schema 2020-12: {@code type: [x, "null"]} for nullable fields, which MCP tool schemas need
 * too); it adds a non-standard top-level {@code endpoints} key and shows types from the WAR's
 * libraries as bare {@code object}s unless it scans every jar; and an annotation-scanned document
 * lives with the server, not with the build. Generating it here makes the same 3.1 document at
 * build time (the Java client the integration tests compile against) and at run time on any
 * server, with scopes and error responses taken from the same annotations the filters enforce. So
 * {@code mp.openapi.scan.disable=true}, and the build has no MicroProfile OpenAPI dependency
 * (MicroProfile Config and Health stay).
 */
package dev.gatehouse.rest.contract.control;
