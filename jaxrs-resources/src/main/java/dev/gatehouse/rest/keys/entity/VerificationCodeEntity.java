package dev.gatehouse.rest.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code user_verification_codes}: the SHA-256 of the code, never the code. */
@Entity
@Table(name = "user_verification_codes")
public class VerificationCodeEntity {

    @Id
    @Column(name = "user_id")
    public Long userId;

    @Column(name = "code_hash", nullable = false, length = 64)
    public String codeHash;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
