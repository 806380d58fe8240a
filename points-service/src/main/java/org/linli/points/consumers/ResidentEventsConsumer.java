package org.linli.points.consumers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.inbox.Inbox;
import org.linli.points.service.Members;
import org.linli.points.service.Volunteers;

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

    /** The inbox's name for this consumer: the events it has handled are recorded under it (do not rename). */
    static final String CONSUMER = "points.members";

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Members members;
    private final Volunteers volunteers;

    ResidentEventsConsumer(Inbox inbox, ObjectMapper mapper, Members members, Volunteers volunteers) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.members = members;
        this.volunteers = volunteers;
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
            case "resident.registered.v1", "resident.updated.v1" -> learn(event.dataAs(ResidentFacts.class, mapper), event);
            case "resident.moved-out.v1" -> members.moveOut(event.dataAs(ResidentFacts.class, mapper).residentId());
            case "volunteer.enrolled.v1" -> enrol(event.dataAs(VolunteerEnrolled.class, mapper), event);
            case "volunteer.joined-team.v1" -> {
                TeamMembershipChanged change = event.dataAs(TeamMembershipChanged.class, mapper);
                volunteers.joinTeam(change.volunteerId(), new Volunteers.Team(change.teamId(), change.category()));
            }
            case "volunteer.left-team.v1" -> {
                TeamMembershipChanged change = event.dataAs(TeamMembershipChanged.class, mapper);
                volunteers.leaveTeam(change.volunteerId(), change.teamId());
            }
            default -> Log.debugf("Ignoring %s", event.type());
        }
    }

    private void learn(ResidentFacts facts, CloudEvent event) {
        members.learn(new Members.Facts(facts.residentId(), facts.communityId(), facts.districtId(), facts.gridId(),
                facts.aged60Plus(), facts.housebound(), facts.livesAlone()), event.time());
    }

    private void enrol(VolunteerEnrolled enrolled, CloudEvent event) {
        if (enrolled == null || enrolled.volunteerId() == null || enrolled.communityId() == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks volunteerId or communityId");
        }
        List<Volunteers.Team> teams = enrolled.teams() == null ? List.of()
                : enrolled.teams().stream().map(t -> new Volunteers.Team(t.teamId(), t.category())).toList();
        volunteers.enrol(new Volunteers.Enrolment(enrolled.volunteerId(), enrolled.communityId(), enrolled.districtId(),
                enrolled.enrolledAt() != null ? enrolled.enrolledAt() : event.time(), teams));
    }
}
