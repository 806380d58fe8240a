package org.linli.partner.domain;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An organisation integrating with Linli, and what it may see: the communities it sponsors or serves and the webhook
 * event types it may receive. Its id is the code its tokens carry in the {@code partner} claim.
 */
@Entity
public class Partner extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerKind kind;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> communities;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public List<String> eventTypes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The technical contact's e-mail address, sealed ({@code SecretCipher}); null when none was given. */
    @Column(name = "technical_contact")
    public String technicalContact;

    @Version
    public long version;

    public boolean serves(String communityId) {
        return communities.contains(communityId);
    }
}
