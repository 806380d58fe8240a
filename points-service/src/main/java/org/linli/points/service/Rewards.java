package org.linli.points.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.Reward;

/** A community's catalogue of gifts: price in points, stock, a per-volunteer limit, active dates, a sponsor. */
@ApplicationScoped
@Transactional
public class Rewards {

    private final PointsScope scope;
    private final Clock clock;

    Rewards(PointsScope scope, Clock clock) {
        this.scope = scope;
        this.clock = clock;
    }

    public record RewardTerms(String name, String description, int pointsPrice, Integer perVolunteerLimit,
            LocalDate activeFrom, LocalDate activeUntil, String sponsorId) {
    }

    public Reward create(String communityId, RewardTerms terms, int stock) {
        scope.requireManager(communityId);
        Reward reward = new Reward();
        reward.id = UUID.randomUUID();
        reward.communityId = communityId;
        reward.stock = stock;
        reward.createdAt = OffsetDateTime.now(clock);
        apply(reward, terms);
        reward.persist();
        return reward;
    }

    public Reward update(String communityId, UUID rewardId, RewardTerms terms) {
        scope.requireManager(communityId);
        Reward reward = get(communityId, rewardId);
        apply(reward, terms);
        return reward;
    }

    /** Adds items to the stock (a delivery from the sponsor), or takes them out (negative: damaged, lost). */
    public Reward restock(String communityId, UUID rewardId, int change) {
        scope.requireManager(communityId);
        Reward reward = get(communityId, rewardId);
        if (reward.stock + change < 0) {
            throw new ConflictProblem("Only " + reward.stock + " left; cannot take out " + -change);
        }
        reward.stock += change;
        return reward;
    }

    /** The catalogue: everything for those who manage it; what is active today for volunteers. */
    public List<Reward> catalogue(String communityId, boolean all) {
        boolean manager = scope.manages(communityId) || scope.readsCommunity(communityId);
        if (!manager && scope.selfVolunteer(communityId).isEmpty()) {
            throw new NotFoundProblem("No community " + communityId + " in your scope");
        }
        List<Reward> rewards = Reward.list("communityId = ?1 order by pointsPrice, name", communityId);
        if (all && manager) {
            return rewards;
        }
        LocalDate today = LocalDate.now(clock);
        return rewards.stream().filter(r -> r.activeOn(today)).toList();
    }

    /** A reward as those who may see the catalogue see it. */
    public Reward visible(String communityId, UUID rewardId) {
        scope.requireParticipant(communityId);
        return get(communityId, rewardId);
    }

    public Reward get(String communityId, UUID rewardId) {
        return Reward.<Reward>findByIdOptional(rewardId).filter(r -> r.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No reward " + rewardId + " in community " + communityId));
    }

    /** What a partner sponsors, in every community. */
    public List<Reward> sponsored() {
        return Reward.list("sponsorId = ?1 order by communityId, name", scope.partner());
    }

    public Reward sponsored(UUID rewardId) {
        String partner = scope.partner();
        return Reward.<Reward>findByIdOptional(rewardId).filter(r -> partner.equals(r.sponsorId))
                .orElseThrow(() -> new NotFoundProblem("No reward " + rewardId + " sponsored by you"));
    }

    private static void apply(Reward reward, RewardTerms terms) {
        if (terms.activeFrom() != null && terms.activeUntil() != null && terms.activeUntil().isBefore(terms.activeFrom())) {
            throw new InvalidRequestProblem("activeUntil", "is before activeFrom");
        }
        reward.name = terms.name().strip();
        reward.description = terms.description();
        reward.pointsPrice = terms.pointsPrice();
        reward.perVolunteerLimit = terms.perVolunteerLimit();
        reward.activeFrom = terms.activeFrom();
        reward.activeUntil = terms.activeUntil();
        reward.sponsorId = terms.sponsorId() == null || terms.sponsorId().isBlank() ? null : terms.sponsorId().strip();
    }
}
