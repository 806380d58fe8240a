package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.CarePairing;
import org.linli.resident.domain.Consent;
import org.linli.resident.domain.ConsentPurpose;
import org.linli.resident.domain.Resident;
import org.linli.resident.domain.TeamCategory;
import org.linli.resident.domain.TeamMembership;
import org.linli.resident.domain.Volunteer;
import org.linli.resident.domain.VolunteerStatus;
import org.linli.resident.domain.VolunteerTeam;
import org.linli.resident.events.VolunteerEvents;

import io.quarkus.panache.common.Sort;

/** Red-vest volunteers: applying, review, teams and care pairings. */
@ApplicationScoped
@Transactional
public class Volunteering {

    private final ResidentScope scope;
    private final CareCircle careCircle;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    Volunteering(ResidentScope scope, CareCircle careCircle, Outbox outbox, AuditTrail audit, Clock clock) {
        this.scope = scope;
        this.careCircle = careCircle;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A resident applies for themselves (their application is their consent to volunteering being processed), or a
     * worker applies for them with their recorded consent.
     */
    public Volunteer apply(String communityCode, UUID residentId) {
        Resident resident = scope.visibleResident(communityCode, residentId);
        boolean self = scope.is(Roles.RESIDENT) && resident.id.toString().equals(scope.actor());
        if (!self && !scope.canManage(resident)) {
            throw ResidentScope.notFound("resident " + residentId);
        }
        if (!resident.active()) {
            throw new ConflictProblem("Only a resident who lives in the community can volunteer");
        }
        Volunteer existing = Volunteer.findById(resident.id);
        if (existing != null && existing.status != VolunteerStatus.REJECTED) {
            throw new ConflictProblem("The resident already applied (" + existing.status + ")");
        }
        boolean consented = Consent.given(resident.id, ConsentPurpose.VOLUNTEERING, LocalDate.now(clock));
        if (!consented && !self) {
            throw new ConflictProblem("The resident has not consented to volunteering (purpose VOLUNTEERING)");
        }
        if (!consented) {
            careCircle.record(resident, ConsentPurpose.VOLUNTEERING, "self");
        }
        Volunteer volunteer = existing == null ? new Volunteer() : existing;
        volunteer.residentId = resident.id;
        volunteer.communityId = resident.communityId;
        volunteer.status = VolunteerStatus.PENDING;
        volunteer.appliedAt = OffsetDateTime.now(clock);
        volunteer.appliedBy = scope.actor();
        volunteer.reviewedAt = null;
        volunteer.reviewedBy = null;
        volunteer.rejectionReason = null;
        volunteer.persist();
        audit.record("VOLUNTEER_APPLIED", communityCode, "resident", resident.id);
        return volunteer;
    }

    public Volunteer approve(String communityCode, UUID residentId) {
        Volunteer volunteer = pending(communityCode, residentId);
        volunteer.status = VolunteerStatus.APPROVED;
        reviewed(volunteer);
        Resident resident = Resident.findById(residentId);
        List<VolunteerEvents.TeamRef> teams = teamsOf(residentId).stream()
                .map(t -> new VolunteerEvents.TeamRef(t.id, t.category)).toList();
        outbox.publish(VolunteerEvents.enrolled(new VolunteerEvents.VolunteerEnrolled(residentId, volunteer.communityId,
                resident.districtId, teams, volunteer.reviewedAt)));
        audit.record("VOLUNTEER_APPROVED", communityCode, "resident", residentId);
        return volunteer;
    }

    public Volunteer reject(String communityCode, UUID residentId, String reason) {
        Volunteer volunteer = pending(communityCode, residentId);
        volunteer.status = VolunteerStatus.REJECTED;
        volunteer.rejectionReason = reason.strip();
        reviewed(volunteer);
        audit.record("VOLUNTEER_REJECTED", communityCode, "resident", residentId);
        return volunteer;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Volunteer> list(String communityCode, VolunteerStatus status) {
        scope.readableCommunity(communityCode);
        return status == null ? Volunteer.list("communityId", Sort.by("appliedAt"), communityCode)
                : Volunteer.list("communityId = ?1 and status = ?2", Sort.by("appliedAt"), communityCode, status);
    }

    public VolunteerTeam createTeam(String communityCode, String name, TeamCategory category) {
        scope.managedCommunity(communityCode, false);
        if (VolunteerTeam.count("communityId = ?1 and name = ?2", communityCode, name.strip()) > 0) {
            throw new ConflictProblem("The community already has a team called " + name.strip());
        }
        VolunteerTeam team = new VolunteerTeam();
        team.id = UUID.randomUUID();
        team.communityId = communityCode;
        team.name = name.strip();
        team.category = category;
        team.createdAt = OffsetDateTime.now(clock);
        team.persist();
        audit.record("CREATE", communityCode, "volunteer-team", team.id);
        return team;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VolunteerTeam> teams(String communityCode) {
        scope.readableCommunity(communityCode);
        return VolunteerTeam.list("communityId", Sort.by("name"), communityCode);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TeamMembership> members(String communityCode, UUID teamId) {
        team(communityCode, teamId);
        return TeamMembership.list("teamId = ?1 and leftAt is null", Sort.by("joinedAt"), teamId);
    }

    public TeamMembership join(String communityCode, UUID teamId, UUID residentId) {
        scope.managedCommunity(communityCode, false);
        VolunteerTeam team = team(communityCode, teamId);
        Volunteer volunteer = Volunteer.<Volunteer>findByIdOptional(residentId)
                .filter(v -> v.communityId.equals(communityCode) && v.status != VolunteerStatus.REJECTED)
                .orElseThrow(() -> new NotFoundProblem("No volunteer " + residentId + " in community " + communityCode));
        if (TeamMembership.count("teamId = ?1 and residentId = ?2 and leftAt is null", teamId, residentId) > 0) {
            throw new ConflictProblem("The volunteer is already in this team");
        }
        TeamMembership membership = new TeamMembership();
        membership.id = UUID.randomUUID();
        membership.teamId = team.id;
        membership.residentId = volunteer.residentId;
        membership.joinedAt = OffsetDateTime.now(clock);
        membership.persist();
        if (volunteer.status == VolunteerStatus.APPROVED) {
            outbox.publish(VolunteerEvents.teamChanged(true, new VolunteerEvents.TeamMembershipChanged(residentId,
                    communityCode, team.id, team.category)));
        }
        return membership;
    }

    public void leave(String communityCode, UUID teamId, UUID residentId) {
        scope.managedCommunity(communityCode, false);
        VolunteerTeam team = team(communityCode, teamId);
        TeamMembership membership = TeamMembership.<TeamMembership>find("teamId = ?1 and residentId = ?2 and leftAt is null",
                teamId, residentId).firstResultOptional()
                .orElseThrow(() -> new NotFoundProblem("The volunteer is not in this team"));
        membership.leftAt = OffsetDateTime.now(clock);
        Volunteer volunteer = Volunteer.findById(residentId);
        if (volunteer.status == VolunteerStatus.APPROVED) {
            outbox.publish(VolunteerEvents.teamChanged(false, new VolunteerEvents.TeamMembershipChanged(residentId,
                    communityCode, team.id, team.category)));
        }
    }

    public CarePairing pair(String communityCode, UUID volunteerId, UUID residentId, String note) {
        scope.managedCommunity(communityCode, true);
        Volunteer volunteer = Volunteer.<Volunteer>findByIdOptional(volunteerId)
                .filter(v -> v.communityId.equals(communityCode) && v.status == VolunteerStatus.APPROVED)
                .orElseThrow(() -> new NotFoundProblem("No approved volunteer " + volunteerId + " in community " + communityCode));
        Resident resident = scope.manageableResident(communityCode, residentId);
        if (volunteer.residentId.equals(resident.id)) {
            throw new ConflictProblem("A volunteer cannot be paired with themselves");
        }
        if (!resident.active()) {
            throw new ConflictProblem("The resident no longer lives in the community");
        }
        if (CarePairing.count("volunteerId = ?1 and residentId = ?2 and endedAt is null", volunteerId, residentId) > 0) {
            throw new ConflictProblem("They are already paired");
        }
        CarePairing pairing = new CarePairing();
        pairing.id = UUID.randomUUID();
        pairing.communityId = communityCode;
        pairing.volunteerId = volunteerId;
        pairing.residentId = resident.id;
        pairing.since = OffsetDateTime.now(clock);
        pairing.note = note == null ? null : note.strip();
        pairing.persist();
        audit.record("PAIR", communityCode, "resident", resident.id);
        return pairing;
    }

    public CarePairing endPairing(String communityCode, UUID pairingId) {
        scope.managedCommunity(communityCode, true);
        CarePairing pairing = CarePairing.<CarePairing>findByIdOptional(pairingId)
                .filter(p -> p.communityId.equals(communityCode) && p.endedAt == null)
                .orElseThrow(() -> new NotFoundProblem("No current pairing " + pairingId));
        scope.manageableResident(communityCode, pairing.residentId);
        pairing.endedAt = OffsetDateTime.now(clock);
        audit.record("END_PAIR", communityCode, "resident", pairing.residentId);
        return pairing;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CarePairing> pairingsOf(String communityCode, UUID residentId) {
        Resident resident = scope.visibleResident(communityCode, residentId);
        return CarePairing.list("(residentId = ?1 or volunteerId = ?1) and endedAt is null", Sort.by("since"), resident.id);
    }

    private Volunteer pending(String communityCode, UUID residentId) {
        scope.managedCommunity(communityCode, false);
        return Volunteer.<Volunteer>findByIdOptional(residentId)
                .filter(v -> v.communityId.equals(communityCode) && v.status == VolunteerStatus.PENDING)
                .orElseThrow(() -> new NotFoundProblem("No pending application from " + residentId));
    }

    private void reviewed(Volunteer volunteer) {
        volunteer.reviewedBy = scope.actor();
        volunteer.reviewedAt = OffsetDateTime.now(clock);
    }

    private VolunteerTeam team(String communityCode, UUID teamId) {
        scope.readableCommunity(communityCode);
        return VolunteerTeam.<VolunteerTeam>findByIdOptional(teamId).filter(t -> t.communityId.equals(communityCode))
                .orElseThrow(() -> new NotFoundProblem("No team " + teamId + " in community " + communityCode));
    }

    private static List<VolunteerTeam> teamsOf(UUID residentId) {
        List<UUID> teamIds = TeamMembership.<TeamMembership>list("residentId = ?1 and leftAt is null", residentId).stream()
                .map(m -> m.teamId).toList();
        return teamIds.isEmpty() ? List.of() : VolunteerTeam.list("id in ?1", teamIds);
    }
}
