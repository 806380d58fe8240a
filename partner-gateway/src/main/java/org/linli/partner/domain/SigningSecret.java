package org.linli.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A subscription's signing secret ({@code whsec_} + base64, stored encrypted); a rolled one stays valid until {@link #expiresAt}. */
@Entity
@Table(name = "signing_secret")
public class SigningSecret extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Null while it is the current secret; set when a newer one replaces it. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public boolean validAt(OffsetDateTime now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
