package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.BotFilter;
import dev.gatehouse.analytics.DailySalts;
import dev.gatehouse.analytics.Pixel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/** The analytics core wired to the database: salts in {@link JpaSaltStore}, the vendored bot list. */
@ApplicationScoped
public class PixelProducers {

    @Produces
    @Singleton
    DailySalts salts(JpaSaltStore store, Clock clock, SecureRandom random) {
        return new DailySalts(store, clock, random);
    }

    @Produces
    @Singleton
    Pixel pixel(DailySalts salts, Clock clock) {
        return Pixel.builder().clock(clock).salts(salts).bots(BotFilter.crawlerUserAgents()).build();
    }
}
