package org.linli.partner.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The secret a partner signs its inbound messages with ({@code whsec_} + base64); a rolled one stays valid a while. */
@Entity
@Table(name = "inbound_secret")
public class InboundSecret extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public boolean validAt(OffsetDateTime now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
