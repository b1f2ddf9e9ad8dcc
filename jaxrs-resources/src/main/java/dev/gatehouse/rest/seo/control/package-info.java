/**
 * SEO reports inside Gatehouse: {@link dev.gatehouse.rest.seo.control.SeoReporting} reads a posted
 * report with seo-core, records it through {@link dev.gatehouse.rest.seo.control.SeoStore} and
 * publishes {@code seo.score_dropped} and {@code seo.issue_opened} in the same transaction.
 *
 * <p>Decisions: recording locks the page's row ({@code seo_pages}, one per workspace and normalised
 * URL), so reports of one page are reconciled in the order they commit, and "newer report" means
 * "recorded later", not Lighthouse's {@code fetchTime} (a late upload of an old run still counts as
 * the newest). A page keeps its latest scores, so the comparison with the previous report needs no
 * query over reports. Thresholds: a workspace's own, else the deployment's, else the core's.
 */
package dev.gatehouse.rest.seo.control;
