package org.linli.points.domain;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer's membership of one of the community's teams (for the per-team reports). */
@Entity
@Table(name = "volunteer_team")
@IdClass(VolunteerTeam.Key.class)
public class VolunteerTeam extends PanacheEntityBase {

    @Id
    @Column(name = "volunteer_id")
    public UUID volunteerId;

    @Id
    @Column(name = "team_id")
    public UUID teamId;

    public String category;

    public static class Key implements Serializable {
        public UUID volunteerId;
        public UUID teamId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(volunteerId, k.volunteerId) && Objects.equals(teamId, k.teamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(volunteerId, teamId);
        }
    }
}
