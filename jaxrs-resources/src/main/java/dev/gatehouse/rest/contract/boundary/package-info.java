/**
 * The API's contract served live: {@code /openapi.json} and {@code /openapi.yaml} under the
 * application path, generated from the registered resource classes by {@code OpenApiDocument}.
 */
package dev.gatehouse.rest.contract.boundary;
