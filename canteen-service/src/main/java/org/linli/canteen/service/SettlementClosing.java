package org.linli.canteen.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.linli.canteen.domain.SettlementClosure;
import org.linli.canteen.events.CanteenEvents;
import org.linli.platform.outbox.Outbox;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Closes each community's day after {@code linli.canteen.settlement.close-at} of the next day (community time) and each
 * month with its last day, and publishes the settlement as settlement.closed.v1 — exactly once per (community, period):
 * the {@code settlement_closure} row and the outbox event are one transaction, and the row's unique key makes a second
 * instance, or a rerun, find the period closed and publish nothing. The job looks every
 * {@code linli.canteen.settlement.close-every} (10 minutes) at the last {@code catch-up-days} days, so a restart or a
 * short outage closes late, never twice. A day with no meals closes too, with zeros.
 *
 * <p>Not handled: a meal checked off or a door recorded after its day closed (a late correction) changes the settlement
 * API's figures but publishes no corrected closing; the closure row keeps what was published, so a reconciliation can
 * find the difference.
 */
@ApplicationScoped
public class SettlementClosing {

    private final Settlements settlements;
    private final Outbox outbox;
    private final SettlementConfig config;
    private final Clock clock;
    private final EntityManager entityManager;

    SettlementClosing(Settlements settlements, Outbox outbox, SettlementConfig config, Clock clock,
            EntityManager entityManager) {
        this.settlements = settlements;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    @Scheduled(every = "${linli.canteen.settlement.close-every:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeDue() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        List<String> communities = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select c.communityId from Canteen c order by c.communityId", String.class).getResultList());
        for (String community : communities) {
            try {
                closeDue(community, now);
            } catch (RuntimeException e) {
                Log.warnf("Settlements of %s not closed yet: %s", community, e.getMessage());
            }
        }
    }

    /**
     * Closes, for one community, every day of the catch-up window that is due at {@code now} and not closed yet, and the
     * month of any such day that ends it. Answers the periods this call closed ({@code 2026-11-30}, {@code 2026-11}).
     */
    public List<String> closeDue(String communityId, ZonedDateTime now) {
        LocalDate last = lastClosableDay(now);
        LocalDate first = last.minusDays(Math.max(1, config.catchUpDays()) - 1L);
        @SuppressWarnings("unchecked")
        Set<String> closed = QuarkusTransaction.requiringNew().call(() -> new HashSet<String>(entityManager
                .createNativeQuery("select kind || ' ' || period from settlement_closure where community_id = ?1 "
                        + "and period_to >= ?2").setParameter(1, communityId).setParameter(2, first).getResultList()));
        List<String> done = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!closed.contains("DAY " + day) && closeDay(communityId, day)) {
                done.add(day.toString());
            }
            YearMonth month = YearMonth.from(day);
            if (day.equals(month.atEndOfMonth()) && !closed.contains("MONTH " + month) && closeMonth(communityId, month)) {
                done.add(month.toString());
            }
        }
        return done;
    }

    /** The last day whose closing time has passed at {@code now}: yesterday from close-at on, else the day before. */
    public LocalDate lastClosableDay(ZonedDateTime now) {
        ZonedDateTime local = now.withZoneSameInstant(clock.getZone());
        return local.toLocalDate().minusDays(local.toLocalTime().isBefore(config.closeAt()) ? 2 : 1);
    }

    /** Closes one day of a community; false when it was closed before (by this or another instance). */
    public boolean closeDay(String communityId, LocalDate day) {
        return close(communityId, SettlementClosure.Kind.DAY, day.toString(), day, day);
    }

    /** Closes one month of a community; false when it was closed before. */
    public boolean closeMonth(String communityId, YearMonth month) {
        return close(communityId, SettlementClosure.Kind.MONTH, month.toString(), month.atDay(1), month.atEndOfMonth());
    }

    private boolean close(String communityId, SettlementClosure.Kind kind, String period, LocalDate from, LocalDate to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Settlement s = settlements.whole(communityId, from, to);
            OffsetDateTime now = OffsetDateTime.now(clock);
            UUID id = UUID.randomUUID();
            // a concurrent closing of the same period waits here for the other's commit, then finds the key taken
            int claimed = entityManager.createNativeQuery("""
                    insert into settlement_closure (id, community_id, kind, period, period_from, period_to, meals,
                        total_fen, elder_paid_fen, subsidy_fen, sponsor_fen, closed_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                    on conflict (community_id, kind, period) do nothing""")
                    .setParameter(1, id).setParameter(2, communityId).setParameter(3, kind.name()).setParameter(4, period)
                    .setParameter(5, from).setParameter(6, to).setParameter(7, s.meals()).setParameter(8, s.totalFen())
                    .setParameter(9, s.elderPaidFen()).setParameter(10, s.subsidyFen()).setParameter(11, s.sponsorFen())
                    .setParameter(12, now).executeUpdate();
            if (claimed == 0) {
                return false;
            }
            UUID eventId = outbox.publish(CanteenEvents.settlementClosed(new CanteenEvents.SettlementClosed(communityId,
                    period, kind.name(), from, to, s.meals(), s.dineIn(), s.delivered(), s.missedDeliveries(),
                    s.totalFen(), s.elderPaidFen(), s.subsidyFen(), s.sponsorFen(),
                    s.sponsors().stream().map(p -> new CanteenEvents.SponsorPart(p.sponsorId(), p.meals(), p.sponsorFen()))
                            .toList(), now)));
            entityManager.createNativeQuery("update settlement_closure set event_id = ?1 where id = ?2")
                    .setParameter(1, eventId).setParameter(2, id).executeUpdate();
            Log.infof("Closed %s %s of %s: %d meals, %d fen", kind, period, communityId, s.meals(), s.totalFen());
            return true;
        });
    }
}
