package org.linli.resident.domain;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One node of the organisation tree (区 → 街道 → 社区 → 网格 → 楼栋 → 单元). Each node knows the district and
 * community above it, so scoping a query never walks the tree.
 */
@Entity
@Table(name = "org_unit")
public class OrgUnit extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrgUnitKind kind;

    @Column(name = "parent_id")
    public UUID parentId;

    /** For districts, subdistricts and communities: the code used in URLs and tokens, e.g. changshan-garden. */
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "district_code")
    public String districtCode;

    /** The community this unit is or belongs to (null above community level). */
    @Column(name = "community_code")
    public String communityCode;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static Optional<OrgUnit> community(String code) {
        return find("kind = ?1 and code = ?2", OrgUnitKind.COMMUNITY, code).firstResultOptional();
    }

    public static Optional<OrgUnit> byCode(OrgUnitKind kind, String code) {
        return find("kind = ?1 and code = ?2", kind, code).firstResultOptional();
    }

    /** The code of the sub-district (街道) a community lies in, when the tree holds both. */
    public static Optional<String> subDistrictOf(String communityCode) {
        return community(communityCode).map(c -> c.parentId).flatMap(parentId -> OrgUnit.<OrgUnit>findByIdOptional(parentId))
                .filter(parent -> parent.kind == OrgUnitKind.SUBDISTRICT).map(parent -> parent.code);
    }
}
