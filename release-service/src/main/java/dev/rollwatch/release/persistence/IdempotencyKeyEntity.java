package dev.rollwatch.release.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The release a given Idempotency-Key (of a given API key) created. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKeyEntity.Key.class)
public class IdempotencyKeyEntity {

    @Id
    public String principal;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of the request body, to refuse the same key with a different request. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Composite primary key. */
    public static class Key implements Serializable {
        public String principal;
        public String idempotencyKey;

        public Key() {}

        public Key(String principal, String idempotencyKey) {
            this.principal = principal;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(principal, k.principal)
                    && Objects.equals(idempotencyKey, k.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(principal, idempotencyKey);
        }
    }
}
