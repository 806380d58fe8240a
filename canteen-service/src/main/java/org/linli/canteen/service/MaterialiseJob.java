package org.linli.canteen.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.canteen.domain.Canteen;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** At each canteen's cut-off, the day's lunches are placed from the standing orders (idempotent; runs every few minutes). */
@ApplicationScoped
public class MaterialiseJob {

    private final StandingOrders standingOrders;
    private final Clock clock;

    MaterialiseJob(StandingOrders standingOrders, Clock clock) {
        this.standingOrders = standingOrders;
        this.clock = clock;
    }

    @Scheduled(every = "${linli.canteen.materialise-every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void materialiseToday() {
        LocalDate today = LocalDate.now(clock);
        LocalTime now = LocalTime.now(clock);
        List<String> due = QuarkusTransaction.requiringNew().call(() -> Canteen.<Canteen>listAll().stream()
                .filter(c -> !now.isBefore(c.cutOff)).map(c -> c.communityId).toList());
        for (String community : due) {
            try {
                QuarkusTransaction.requiringNew().run(() -> standingOrders.materialiseDay(community, today,
                        StandingOrders.SYSTEM));
            } catch (RuntimeException e) {
                Log.warnf("Standing orders of %s for %s not materialised yet: %s", community, today, e.getMessage());
            }
        }
    }
}
