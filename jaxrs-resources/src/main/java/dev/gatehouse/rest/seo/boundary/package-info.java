/**
 * The SEO reports' HTTP surface: {@code POST /seo/report}, {@code GET /seo/issues/{workspace_id}}
 * (seed 001's shape), {@code PATCH} of an issue's status, {@code GET /seo/reports},
 * {@code GET /seo/trend} and {@code /seo/settings}. Decisions: the issues list names its workspace
 * in the path as the seed does, and another workspace's id is a 404; a report's body may be up to
 * 16 MiB (a Lighthouse result with screenshots is several MiB), the only endpoint above the 1 MiB
 * default; the severity sort is by name (error, notice, warning), filters are the way to pick by it.
 */
package dev.gatehouse.rest.seo.boundary;
