package org.linli.resident.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.linli.platform.events.OutgoingEvent;
import org.linli.resident.domain.Need;
import org.linli.resident.domain.NeedCategory;
import org.linli.resident.domain.NeedStatus;
import org.linli.resident.domain.Responsible;

/** Need events on {@value #TOPIC}, keyed by need id, for district dashboards: no description, no resident. */
public final class NeedEvents {

    public static final String TOPIC = "linli.resident.needs";
    public static final String RECORDED = "need.recorded.v1";
    public static final String CLOSED = "need.closed.v1";

    private NeedEvents() {
    }

    public record NeedChanged(UUID needId, String communityId, String districtId, UUID gridId, NeedCategory category,
            Responsible responsible, NeedStatus status, OffsetDateTime recordedAt, OffsetDateTime doneAt,
            OffsetDateTime residentToldAt) {
    }

    public static OutgoingEvent of(String type, Need n) {
        return new OutgoingEvent(TOPIC, type, n.id.toString(), "needs/" + n.id, n.communityId,
                new NeedChanged(n.id, n.communityId, n.districtId, n.gridId, n.category, n.responsible, n.status,
                        n.recordedAt, n.doneAt, n.residentToldAt));
    }
}
