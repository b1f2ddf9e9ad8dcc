/**
 * Privacy-first pixel analytics, free of any framework: the sites a workspace tracks and their
 * domains ({@link DomainPattern}, {@link SiteDirectory}), the checks one tracked hit passes
 * ({@link Pixel}: site and origin, size and shape, Do-Not-Track, bots through the maintained
 * crawler-user-agents list in {@link BotFilter}, the per-site ceiling), daily-salted visitor ids
 * that hold no IP address ({@link DailySalts}), visits ({@link VisitTracker}) and the shape of a
 * stats question ({@link StatsRequest}).
 *
 * <p>Decisions: a visitor is {@code HMAC-SHA256(salt of the day, site | IP | user agent)} cut to 64
 * bits; the salt is random, rotates at midnight UTC, yesterday's is kept only so that a visit that
 * crosses midnight goes on, and older ones are deleted, so after 48 hours nobody can link an id to
 * an address. Ids of different days never match, so a period's visitors are the sum of its days'
 * visitors, which lets daily roll-ups answer long periods exactly. Bots are recognised by a list
 * others maintain, never by patterns written here. Time comes from an injected {@link java.time.Clock}.
 */
package dev.gatehouse.analytics;
