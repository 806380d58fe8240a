package org.linli.points.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A resident of a community, as the moral bank needs to know them: who may volunteer and be credited, who
 * may be helped. Learnt from resident events only; a moved-out member's wallet is frozen.
 */
@Entity
public class Member extends PanacheEntityBase {

    @Id
    @Column(name = "resident_id")
    public UUID residentId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "district_id")
    public String districtId;

    /** The grid the member lives in: a grid head confirms services for the members of their grids. */
    @Column(name = "grid_id")
    public UUID gridId;

    @Column(name = "aged_60_plus", nullable = false)
    public boolean aged60Plus;

    @Column(nullable = false)
    public boolean housebound;

    @Column(name = "lives_alone", nullable = false)
    public boolean livesAlone;

    @Column(name = "moved_out", nullable = false)
    public boolean movedOut;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
