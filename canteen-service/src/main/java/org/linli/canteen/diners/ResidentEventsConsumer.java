package org.linli.canteen.diners;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.linli.canteen.canteens.Canteens;
import org.linli.canteen.orders.StandingOrders;
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
    private final Canteens canteens;
    private final StandingOrders standingOrders;

    ResidentEventsConsumer(Inbox inbox, ObjectMapper mapper, Canteens canteens, StandingOrders standingOrders) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.canteens = canteens;
        this.standingOrders = standingOrders;
    }

    /** The fields of the resident events the canteen reads. */
    record ResidentFacts(UUID residentId, String communityId, String districtId, UUID buildingId, UUID unitId,
            String ageBand, boolean aged60Plus, boolean housebound, boolean lowIncome, List<String> dietaryNeeds) {
    }

    @Incoming("resident-events")
    @Blocking
    public void receive(String record) {
        inbox.receive(CONSUMER, record, this::apply);
    }

    private void apply(CloudEvent event) {
        switch (event.type()) {
            case "resident.registered.v1", "resident.updated.v1" -> upsert(event.dataAs(ResidentFacts.class, mapper));
            case "resident.moved-out.v1" -> moveOut(event.dataAs(ResidentFacts.class, mapper));
            default -> Log.debugf("Ignoring %s", event.type());
        }
    }

    private void upsert(ResidentFacts facts) {
        Diner diner = Diner.findById(facts.residentId());
        if (diner == null) {
            if (!facts.aged60Plus()) {
                return; // the canteen serves elders; a younger resident is not a diner
            }
            diner = new Diner();
            diner.residentId = facts.residentId();
            diner.status = DinerStatus.ACTIVE;
        }
        diner.communityId = facts.communityId();
        diner.districtId = facts.districtId();
        diner.buildingId = facts.buildingId();
        diner.unitId = facts.unitId();
        diner.ageBand = facts.ageBand();
        diner.housebound = facts.housebound();
        diner.lowIncome = facts.lowIncome();
        diner.dietaryNeeds = facts.dietaryNeeds() == null ? "" : String.join(",", facts.dietaryNeeds());
        diner.updatedAt = OffsetDateTime.now();
        diner.persist();
        canteens.knowDistrict(facts.communityId(), facts.districtId());
    }

    private void moveOut(ResidentFacts facts) {
        Diner.<Diner>findByIdOptional(facts.residentId()).ifPresent(diner -> {
            diner.status = DinerStatus.MOVED_OUT;
            diner.updatedAt = OffsetDateTime.now();
            standingOrders.movedOut(diner.residentId);
        });
    }
}
