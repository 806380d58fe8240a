package org.linli.canteen.consumers;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.canteen.service.Diners;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.inbox.Inbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Turns resident events into diners: every resident aged 60+ may dine; housebound ones may get delivery. A move-out
 * ends the elder's standing orders and cancels the meals ordered from today on.
 */
@ApplicationScoped
public class ResidentEventsConsumer {

    static final String CONSUMER = "canteen.diners";

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Diners diners;

    ResidentEventsConsumer(Inbox inbox, ObjectMapper mapper, Diners diners) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.diners = diners;
    }

    /** The fields of the resident events the canteen reads. */
    record ResidentFacts(UUID residentId, String communityId, String districtId, UUID buildingId, UUID unitId,
            String ageBand, boolean aged60Plus, boolean housebound, boolean lowIncome, List<String> dietaryNeeds) {

        Diners.ResidentFacts forDiners() {
            return new Diners.ResidentFacts(residentId, communityId, districtId, buildingId, unitId, ageBand, aged60Plus,
                    housebound, lowIncome, dietaryNeeds);
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
            default -> Log.debugf("Ignoring %s", event.type());
        }
    }
}
