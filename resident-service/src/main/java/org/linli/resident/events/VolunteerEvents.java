package org.linli.resident.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.TeamCategory;

/**
 * Volunteer events, on the resident topic and keyed by the volunteer's resident id, so a volunteer's events follow
 * their registration in order. points-service opens a points account on volunteer.enrolled.v1.
 */
public final class VolunteerEvents {

    public static final String ENROLLED = "volunteer.enrolled.v1";
    public static final String JOINED_TEAM = "volunteer.joined-team.v1";
    public static final String LEFT_TEAM = "volunteer.left-team.v1";

    private VolunteerEvents() {
    }

    public record TeamRef(UUID teamId, TeamCategory category) {
    }

    public record VolunteerEnrolled(UUID volunteerId, String communityId, String districtId, List<TeamRef> teams,
            OffsetDateTime enrolledAt) {
    }

    public record TeamMembershipChanged(UUID volunteerId, String communityId, UUID teamId, TeamCategory category) {
    }

    public static OutgoingEvent enrolled(VolunteerEnrolled data) {
        return event(ENROLLED, data.volunteerId(), data.communityId(), data);
    }

    public static OutgoingEvent teamChanged(boolean joined, TeamMembershipChanged data) {
        return event(joined ? JOINED_TEAM : LEFT_TEAM, data.volunteerId(), data.communityId(), data);
    }

    private static OutgoingEvent event(String type, UUID volunteerId, String communityId, Object data) {
        return new OutgoingEvent(ResidentEvents.TOPIC, type, volunteerId.toString(), "volunteers/" + volunteerId,
                communityId, data);
    }
}
