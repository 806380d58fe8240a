package org.linli.points.members;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.inbox.Inbox;
import org.linli.points.domain.Volunteer;
import org.linli.points.domain.VolunteerTeam;
import org.linli.points.ledger.Ledger;
import org.linli.points.service.ServiceTypes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Keeps members and volunteers in step with resident-service, once per event however often Kafka delivers it:
 * residents (who may be helped, in which grid), volunteers (their wallets open on enrolment, their teams), and
 * moving out (the volunteer's wallets freeze).
 */
@ApplicationScoped
public class ResidentEventsConsumer {

    static final String CONSUMER = "points.members";

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Ledger ledger;
    private final ServiceTypes serviceTypes;

    ResidentEventsConsumer(Inbox inbox, ObjectMapper mapper, Ledger ledger, ServiceTypes serviceTypes) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.ledger = ledger;
        this.serviceTypes = serviceTypes;
    }

    /** The fields of resident.registered.v1 / resident.updated.v1 / resident.moved-out.v1 this service reads. */
    record ResidentFacts(UUID residentId, String communityId, String districtId, UUID gridId, boolean aged60Plus,
            boolean housebound, boolean livesAlone) {
    }

    record TeamRef(UUID teamId, String category) {
    }

    /** volunteer.enrolled.v1 */
    record VolunteerEnrolled(UUID volunteerId, String communityId, String districtId, List<TeamRef> teams,
            OffsetDateTime enrolledAt) {
    }

    /** volunteer.joined-team.v1 / volunteer.left-team.v1 */
    record TeamMembershipChanged(UUID volunteerId, String communityId, UUID teamId, String category) {
    }

    @Incoming("resident-events")
    @Blocking
    public void receive(String record) {
        inbox.receive(CONSUMER, record, this::apply);
    }

    private void apply(CloudEvent event) {
        switch (event.type()) {
            case "resident.registered.v1", "resident.updated.v1" -> upsert(event.dataAs(ResidentFacts.class, mapper), event);
            case "resident.moved-out.v1" -> moveOut(event.dataAs(ResidentFacts.class, mapper));
            case "volunteer.enrolled.v1" -> enrol(event.dataAs(VolunteerEnrolled.class, mapper), event);
            case "volunteer.joined-team.v1" -> joinTeam(event.dataAs(TeamMembershipChanged.class, mapper));
            case "volunteer.left-team.v1" -> leaveTeam(event.dataAs(TeamMembershipChanged.class, mapper));
            default -> Log.debugf("Ignoring %s", event.type());
        }
    }

    private void upsert(ResidentFacts facts, CloudEvent event) {
        Member member = Member.<Member>findByIdOptional(facts.residentId()).orElseGet(() -> {
            Member fresh = new Member();
            fresh.residentId = facts.residentId();
            return fresh;
        });
        member.communityId = facts.communityId();
        member.districtId = facts.districtId();
        member.gridId = facts.gridId();
        member.aged60Plus = facts.aged60Plus();
        member.housebound = facts.housebound();
        member.livesAlone = facts.livesAlone();
        member.updatedAt = event.time() == null ? OffsetDateTime.now() : event.time();
        member.persist();
    }

    private void moveOut(ResidentFacts facts) {
        Member.<Member>findByIdOptional(facts.residentId()).ifPresent(member -> {
            member.movedOut = true;
            member.updatedAt = OffsetDateTime.now();
        });
        ledger.freeze(facts.residentId(), true);
    }

    private void enrol(VolunteerEnrolled enrolled, CloudEvent event) {
        if (enrolled == null || enrolled.volunteerId() == null || enrolled.communityId() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks volunteerId or communityId");
        }
        Volunteer volunteer = Volunteer.findById(enrolled.volunteerId());
        if (volunteer == null) {
            volunteer = new Volunteer();
            volunteer.volunteerId = enrolled.volunteerId();
            volunteer.communityId = enrolled.communityId();
            volunteer.districtId = enrolled.districtId();
            volunteer.enrolledAt = enrolled.enrolledAt() != null ? enrolled.enrolledAt()
                    : event.time() != null ? event.time() : OffsetDateTime.now();
            volunteer.persist();
        }
        serviceTypes.ensureDefaults(enrolled.communityId());
        ledger.openWallets(enrolled.communityId(), enrolled.volunteerId());
        if (enrolled.teams() != null) {
            for (TeamRef team : enrolled.teams()) {
                join(enrolled.volunteerId(), team.teamId(), team.category());
            }
        }
    }

    private void joinTeam(TeamMembershipChanged change) {
        if (Volunteer.findById(change.volunteerId()) != null) {
            join(change.volunteerId(), change.teamId(), change.category());
        }
    }

    private void leaveTeam(TeamMembershipChanged change) {
        VolunteerTeam.delete("volunteerId = ?1 and teamId = ?2", change.volunteerId(), change.teamId());
    }

    private static void join(UUID volunteerId, UUID teamId, String category) {
        if (teamId == null || VolunteerTeam.count("volunteerId = ?1 and teamId = ?2", volunteerId, teamId) > 0) {
            return;
        }
        VolunteerTeam membership = new VolunteerTeam();
        membership.volunteerId = volunteerId;
        membership.teamId = teamId;
        membership.category = category;
        membership.persist();
    }
}
