package org.linli.points.members;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.inbox.Inbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Keeps the member list in step with resident-service, once per event however often Kafka delivers it. */
@ApplicationScoped
public class ResidentEventsConsumer {

    static final String CONSUMER = "points.members";

    private final Inbox inbox;
    private final ObjectMapper mapper;

    ResidentEventsConsumer(Inbox inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    /** The fields of resident.registered.v1 / resident.updated.v1 / resident.moved-out.v1 this service reads. */
    record ResidentFacts(UUID residentId, String communityId, boolean aged60Plus, boolean housebound, boolean livesAlone) {
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
    }
}
