package org.linli.canteen.consumers;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.canteen.service.Diners;
import org.linli.canteen.service.FamilyLinks;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;
import org.linli.platform.inbox.Inbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns resident events into diners: every resident aged 60+ may dine; housebound ones may get delivery. A move-out
 * ends the elder's standing orders and cancels the meals ordered from today on. Family links granted and revoked say
 * who may order for whom.
 */
@ApplicationScoped
public class ResidentEventsConsumer {

    static final String CONSUMER = "canteen.diners";

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Diners diners;
    private final FamilyLinks familyLinks;

    ResidentEventsConsumer(Inbox inbox, ObjectMapper mapper, Diners diners, FamilyLinks familyLinks) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.diners = diners;
        this.familyLinks = familyLinks;
    }

    /** The fields of the resident events the canteen reads. */
    record ResidentFacts(UUID residentId, String communityId, String districtId, UUID buildingId, UUID unitId,
            String ageBand, boolean aged60Plus, boolean housebound, boolean lowIncome, List<String> dietaryNeeds) {

        Diners.ResidentFacts forDiners() {
            return new Diners.ResidentFacts(residentId, communityId, districtId, buildingId, unitId, ageBand, aged60Plus,
                    housebound, lowIncome, dietaryNeeds);
        }
    }

    /** The fields of family-link.granted.v1 and family-link.revoked.v1 the canteen reads. */
    record FamilyLinkFacts(UUID linkId, String communityId, UUID parentId, UUID memberId, List<String> purposes,
            LocalDate validUntil) {

        FamilyLinks.LinkFacts complete(CloudEvent event) {
            if (linkId == null || communityId == null || parentId == null || memberId == null) {
                throw new MalformedEventException(event.type() + " " + event.id()
                        + " lacks linkId, communityId, parentId or memberId");
            }
            if (event.type().equals("family-link.granted.v1") && (purposes == null || purposes.isEmpty())) {
                throw new MalformedEventException(event.type() + " " + event.id() + " grants no purpose");
            }
            return new FamilyLinks.LinkFacts(linkId, communityId, parentId, memberId, purposes, validUntil);
        }
    }

    @Incoming("resident-events")
    @Blocking
    public void receive(String record) {
        inbox.receive(CONSUMER, record, this::apply);
    }

    private void apply(CloudEvent event) {
        switch (event.type()) {
            case "resident.registered.v1", "resident.updated.v1" ->
                    diners.learn(event.dataAs(ResidentFacts.class, mapper).forDiners());
            case "resident.moved-out.v1" -> diners.movedOut(event.dataAs(ResidentFacts.class, mapper).residentId());
            case "family-link.granted.v1" ->
                    familyLinks.granted(event.dataAs(FamilyLinkFacts.class, mapper).complete(event));
            case "family-link.revoked.v1" ->
                    familyLinks.revoked(event.dataAs(FamilyLinkFacts.class, mapper).complete(event));
            default -> Log.debugf("Ignoring %s", event.type());
        }
    }
}
