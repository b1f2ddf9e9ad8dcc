package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.SaltStore;
import dev.gatehouse.rest.analytics.entity.SaltEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

/**
 * The daily salts in {@code pixel_salts}, shared by every instance: the first instance to need a
 * day's salt inserts it ({@code ON CONFLICT DO NOTHING}, on H2 and PostgreSQL alike) and everyone
 * reads the one that won. Each call runs in a transaction of its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class JpaSaltStore implements SaltStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public Optional<byte[]> find(LocalDate day) {
        return Optional.ofNullable(em.find(SaltEntity.class, day)).map(e -> Base64.getDecoder().decode(e.salt));
    }

    @Override
    public byte[] putIfAbsent(LocalDate day, byte[] salt) {
        em.createNativeQuery("INSERT INTO pixel_salts (salt_day, salt, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, day)
                .setParameter(2, Base64.getEncoder().encodeToString(salt))
                .setParameter(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .executeUpdate();
        return em.createQuery("select s.salt from SaltEntity s where s.day = :day", String.class)
                .setParameter("day", day).getResultStream().findFirst()
                .map(Base64.getDecoder()::decode).orElseThrow();
    }

    @Override
    public int deleteBefore(LocalDate day) {
        return em.createQuery("delete from SaltEntity s where s.day < :day").setParameter("day", day).executeUpdate();
    }
}
