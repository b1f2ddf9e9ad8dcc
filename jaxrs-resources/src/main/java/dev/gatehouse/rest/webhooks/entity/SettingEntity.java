package dev.gatehouse.rest.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code gatehouse_settings}: a value Gatehouse generated once and keeps with the data. */
@Entity
@Table(name = "gatehouse_settings")
public class SettingEntity {

    @Id
    @Column(name = "setting_key", length = 128)
    public String key;

    @Column(name = "setting_value", nullable = false, length = 4000)
    public String value;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
