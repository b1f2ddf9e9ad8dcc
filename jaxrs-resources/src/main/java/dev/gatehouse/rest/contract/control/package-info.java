/**
 * Generation of the OpenAPI 3.1 document from the JAX-RS resources (reflection) and their sidecar
 * {@code <Resource>.openapi.json} files (summaries, schemas), plus a small YAML writer. The same code
 * runs at build time ({@code OpenApiExport}, for the generated client) and at run time.
 */
package dev.gatehouse.rest.contract.control;
