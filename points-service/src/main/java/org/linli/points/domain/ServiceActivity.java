package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One activity many volunteers took part in (a snow-sweeping morning): one service log entry each. */
@Entity
@Table(name = "service_activity")
public class ServiceActivity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "type_id", nullable = false)
    public UUID typeId;

    @Column(nullable = false)
    public String title;

    @Column(name = "performed_at", nullable = false)
    public OffsetDateTime performedAt;

    @Column(nullable = false)
    public int minutes;

    @Column(name = "organised_by", nullable = false)
    public String organisedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
