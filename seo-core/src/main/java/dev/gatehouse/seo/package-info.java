/**
 * SEO reports, framework-free: {@link dev.gatehouse.seo.ReportReader} recognises a posted report's
 * shape (seed 001's body, a Lighthouse result, a PageSpeed Insights v5 response, a Lighthouse CI
 * run) and maps each to one {@link dev.gatehouse.seo.SeoReport}; {@link dev.gatehouse.seo.Fingerprints}
 * says when two reports' issues are the same issue; {@link dev.gatehouse.seo.IssueStatus} and
 * {@link dev.gatehouse.seo.Reconciliation} move issues through open, resolved, reopened and ignored;
 * {@link dev.gatehouse.seo.ScoreDrop} finds regressions.
 *
 * <p>Decisions: the core takes parsed JSON as plain maps and lists rather than binding a JSON
 * library, so any container's parser feeds it (a Lighthouse CI run's {@code lhr}, which is JSON
 * text, is parsed by a function the container hands in). A failed audit is one issue whose element is
 * the sorted list of its nodes' selectors, so the same failure on the same nodes is the same issue
 * in every report. Severity comes from the audit's weight and score ({@link dev.gatehouse.seo.SeverityRule}),
 * not from a table of audit ids, so audits Lighthouse adds later get one too.
 */
package dev.gatehouse.seo;
