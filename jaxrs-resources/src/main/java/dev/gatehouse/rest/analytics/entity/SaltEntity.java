package dev.gatehouse.rest.analytics.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code pixel_salts}: one day's salt, base64. Never logged. */
@Entity
@Table(name = "pixel_salts")
public class SaltEntity {

    @Id
    @Column(name = "salt_day")
    public LocalDate day;

    @Column(nullable = false, length = 64)
    public String salt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "SaltEntity[" + day + "]";
    }
}
