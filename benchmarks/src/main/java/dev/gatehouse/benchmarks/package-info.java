/**
 * JMH benchmarks of the cores' hot paths, each next to its physical limit or reference library so
 * results read as ratios from one run: key verification on a cache hit against one bare SHA-256
 * (and, missing the cache, against the WAR's JPA key store on H2 and PostgreSQL), webhook signing
 * against the Standard Webhooks library's {@code sign}, plus scope checks, rate-limit checks and
 * in-memory usage recording. Run {@code java -jar benchmarks/target/benchmarks.jar}; results and
 * the exact command live in BENCHMARKS.md.
 */
package dev.gatehouse.benchmarks;
