package org.linli.points.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.Volunteer;
import org.linli.points.domain.VolunteerTeam;
import org.linli.points.ledger.Ledger;

/**
 * The red-vest volunteers, as resident-service enrols them and moves them between teams. Enrolment opens the
 * volunteer's three wallets (and gives a community its default service types); enrolling again changes nothing
 * but adds teams. Every action for a volunteer starts from {@link #enrolled}: enrolled in this community, or a 404.
 */
@ApplicationScoped
@Transactional
public class Volunteers {

    private final Ledger ledger;
    private final ServiceTypes serviceTypes;
    private final Clock clock;

    Volunteers(Ledger ledger, ServiceTypes serviceTypes, Clock clock) {
        this.ledger = ledger;
        this.serviceTypes = serviceTypes;
        this.clock = clock;
    }

    /** A team the volunteer belongs to, with its category (ELDER_CARE, PATROL, ...). */
    public record Team(UUID teamId, String category) {
    }

    /** An enrolment as resident-service told it; {@code enrolledAt} null means now. */
    public record Enrolment(UUID volunteerId, String communityId, String districtId, OffsetDateTime enrolledAt,
            List<Team> teams) {
    }

    /** The volunteer enrolled in this community; one enrolled elsewhere is not found here (a 404, never a 403). */
    public Volunteer enrolled(String communityId, UUID volunteerId) {
        return Volunteer.findIn(communityId, volunteerId).orElseThrow(
                () -> new NotFoundProblem("No enrolled volunteer " + volunteerId + " in community " + communityId));
    }

    public void enrol(Enrolment enrolment) {
        if (Volunteer.findById(enrolment.volunteerId()) == null) {
            Volunteer volunteer = new Volunteer();
            volunteer.volunteerId = enrolment.volunteerId();
            volunteer.communityId = enrolment.communityId();
            volunteer.districtId = enrolment.districtId();
            volunteer.enrolledAt = enrolment.enrolledAt() != null ? enrolment.enrolledAt() : OffsetDateTime.now(clock);
            volunteer.persist();
        }
        serviceTypes.ensureDefaults(enrolment.communityId());
        ledger.openWallets(enrolment.communityId(), enrolment.volunteerId());
        if (enrolment.teams() != null) {
            for (Team team : enrolment.teams()) {
                join(enrolment.volunteerId(), team);
            }
        }
    }

    /** Adds an enrolled volunteer to a team (an unknown volunteer is passed over: their enrolment brings teams). */
    public void joinTeam(UUID volunteerId, Team team) {
        if (Volunteer.findById(volunteerId) != null) {
            join(volunteerId, team);
        }
    }

    public void leaveTeam(UUID volunteerId, UUID teamId) {
        VolunteerTeam.delete("volunteerId = ?1 and teamId = ?2", volunteerId, teamId);
    }

    private static void join(UUID volunteerId, Team team) {
        if (team.teamId() == null
                || VolunteerTeam.count("volunteerId = ?1 and teamId = ?2", volunteerId, team.teamId()) > 0) {
            return;
        }
        VolunteerTeam membership = new VolunteerTeam();
        membership.volunteerId = volunteerId;
        membership.teamId = team.teamId();
        membership.category = team.category();
        membership.persist();
    }
}
