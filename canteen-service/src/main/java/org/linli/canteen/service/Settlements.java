package org.linli.canteen.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.linli.canteen.domain.Canteen;
import org.linli.canteen.domain.MealOrder;
import org.linli.platform.problem.NotFoundProblem;

/**
 * Daily and monthly settlement per canteen: the canteen's staff and the district read all of it; a partner reads the
 * settlements of canteens it sponsors, of the meals it sponsored only (totals, elders' part, subsidy and its own share:
 * nothing from which another sponsor's share could be worked out).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Settlements {

    private final CanteenScope scope;
    private final EntityManager entityManager;

    Settlements(CanteenScope scope, EntityManager entityManager) {
        this.scope = scope;
        this.entityManager = entityManager;
    }

    public Settlement daily(String communityId, LocalDate day) {
        return settle(communityId, day, day);
    }

    public Settlement monthly(String communityId, YearMonth month) {
        return settle(communityId, month.atDay(1), month.atEndOfMonth());
    }

    /**
     * The whole settlement of a period, every sponsor's share included, with no caller to scope it: for the closing job
     * ({@link SettlementClosing}), which runs without a request. Never answer a caller with it.
     */
    public Settlement whole(String communityId, LocalDate from, LocalDate to) {
        return compute(communityId, from, to, null);
    }

    private Settlement settle(String communityId, LocalDate from, LocalDate to) {
        return compute(communityId, from, to, partnerScope(communityId));
    }

    private Settlement compute(String communityId, LocalDate from, LocalDate to, String partner) {
        var query = entityManager.createNativeQuery("select status, sponsor_id, count(*), sum(total_fen), "
                + "sum(elder_pays_fen), sum(subsidy_fen), sum(sponsor_fen) from meal_order "
                + "where community_id = ?1 and meal_date between ?2 and ?3 and status in ('SERVED', 'DELIVERED', 'MISSED') "
                + (partner == null ? "" : "and sponsor_id = ?4 ") + "group by status, sponsor_id")
                .setParameter(1, communityId).setParameter(2, from).setParameter(3, to);
        if (partner != null) { // a partner's settlement: the meals it sponsored, so no other sponsor's share can be derived
            query.setParameter(4, partner);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        long dineIn = 0;
        long delivered = 0;
        long missed = 0;
        long total = 0;
        long elder = 0;
        long subsidy = 0;
        long sponsor = 0;
        Map<String, long[]> sponsors = new TreeMap<>();
        for (Object[] row : rows) {
            long count = ((Number) row[2]).longValue();
            if ("MISSED".equals(row[0])) {
                missed += count;
                continue;
            }
            if ("SERVED".equals(row[0])) {
                dineIn += count;
            } else {
                delivered += count;
            }
            total += ((Number) row[3]).longValue();
            elder += ((Number) row[4]).longValue();
            subsidy += ((Number) row[5]).longValue();
            long share = ((Number) row[6]).longValue();
            sponsor += share;
            if (row[1] != null) {
                long[] s = sponsors.computeIfAbsent((String) row[1], id -> new long[2]);
                s[0] += count;
                s[1] += share;
            }
        }
        List<Settlement.SponsorShare> shares = sponsors.entrySet().stream()
                .filter(e -> partner == null || partner.equals(e.getKey()))
                .map(e -> new Settlement.SponsorShare(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        if (partner != null) { // a partner sees its own share, never another sponsor's
            sponsor = shares.stream().mapToLong(Settlement.SponsorShare::sponsorFen).sum();
        }
        return new Settlement(communityId, from, to, dineIn + delivered, dineIn, delivered, missed, total, elder, subsidy,
                sponsor, shares);
    }

    /** Null for the canteen's staff and the district; the partner's id for a partner that sponsors this canteen. */
    private String partnerScope(String communityId) {
        if (scope.isPartner()) {
            String partner = scope.partnerId();
            Canteen canteen = Canteen.findById(communityId);
            boolean sponsors = canteen != null && (partner.equals(canteen.sponsorId)
                    || MealOrder.count("communityId = ?1 and sponsorId = ?2", communityId, partner) > 0);
            if (!sponsors) {
                throw new NotFoundProblem("No canteen " + communityId + " you sponsor");
            }
            return partner;
        }
        scope.readable(communityId);
        return null;
    }
}
