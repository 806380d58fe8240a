package org.linli.points.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The month in figures, per community or per team: services confirmed, hours, points issued and redeemed,
 * deliveries credited, the most active volunteers; and volunteers who have not served for a while. A volunteer
 * in two teams counts in both teams' figures and once in the community's.
 */
@ApplicationScoped
@Transactional
public class Reports {

    private final PointsScope scope;
    private final EntityManager em;
    private final Clock clock;

    Reports(PointsScope scope, EntityManager em, Clock clock) {
        this.scope = scope;
        this.em = em;
        this.clock = clock;
    }

    public record TopVolunteer(UUID volunteerId, long points, long services, long minutes) {
    }

    public record TeamFigures(UUID teamId, String category, long volunteers, long services, long minutes, long points) {
    }

    public record Monthly(String communityId, YearMonth month, UUID teamId, long servicesConfirmed, long servicesPending,
            long servicesRejected, long activeVolunteers, long minutes, double hours, long pointsIssued,
            long pointsRedeemed, long deliveriesCredited, List<TopVolunteer> topVolunteers, List<TeamFigures> teams) {
    }

    public record InactiveVolunteer(UUID volunteerId, OffsetDateTime enrolledAt, OffsetDateTime lastServiceAt) {
    }

    public Monthly monthly(String communityId, YearMonth month, UUID teamId, int top) {
        scope.requireReader(communityId);
        OffsetDateTime from = month.atDay(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        String team = teamId == null ? "" : " and s.volunteer_id in (select volunteer_id from volunteer_team where team_id = :team)";
        Object[] services = (Object[]) bind(em.createNativeQuery("""
                select count(*) filter (where s.status = 'CONFIRMED'), count(*) filter (where s.status = 'PENDING'),
                       count(*) filter (where s.status = 'REJECTED'),
                       count(distinct s.volunteer_id) filter (where s.status = 'CONFIRMED'),
                       coalesce(sum(s.minutes) filter (where s.status = 'CONFIRMED'), 0)
                from service_log s where s.community_id = :community and s.performed_at >= :from and s.performed_at < :to"""
                + team), communityId, from, to, teamId).getSingleResult();

        String walletTeam = teamId == null ? "" : " and a.owner_id in (select volunteer_id from volunteer_team where team_id = :team)";
        Object[] points = (Object[]) bind(em.createNativeQuery("""
                select coalesce(sum(e.amount) filter (where coalesce(o.kind, p.kind) in ('SERVICE_AWARD', 'DELIVERY_AWARD')), 0),
                       coalesce(-sum(e.amount) filter (where coalesce(o.kind, p.kind) = 'REDEMPTION'), 0),
                       count(*) filter (where p.kind = 'DELIVERY_AWARD')
                from ledger_entry e join ledger_account a on a.id = e.account_id and a.kind = 'WALLET'
                join posting p on p.id = e.posting_id left join posting o on o.id = p.reverses
                where a.community_id = :community and p.created_at >= :from and p.created_at < :to""" + walletTeam),
                communityId, from, to, teamId).getSingleResult();

        @SuppressWarnings("unchecked")
        List<Object[]> leaders = bind(em.createNativeQuery("""
                select a.owner_id, sum(e.amount) as earned,
                       (select count(*) from service_log s where s.volunteer_id = a.owner_id and s.status = 'CONFIRMED'
                          and s.performed_at >= :from and s.performed_at < :to),
                       (select coalesce(sum(s.minutes), 0) from service_log s where s.volunteer_id = a.owner_id
                          and s.status = 'CONFIRMED' and s.performed_at >= :from and s.performed_at < :to)
                from ledger_entry e join ledger_account a on a.id = e.account_id and a.kind = 'WALLET'
                join posting p on p.id = e.posting_id left join posting o on o.id = p.reverses
                where a.community_id = :community and p.created_at >= :from and p.created_at < :to
                  and coalesce(o.kind, p.kind) in ('SERVICE_AWARD', 'DELIVERY_AWARD')""" + walletTeam + """
                 group by a.owner_id having sum(e.amount) > 0 order by earned desc, a.owner_id limit :top"""),
                communityId, from, to, teamId).setParameter("top", top).getResultList();
        List<TopVolunteer> topVolunteers = new ArrayList<>();
        for (Object[] row : leaders) {
            topVolunteers.add(new TopVolunteer((UUID) row[0], number(row[1]), number(row[2]), number(row[3])));
        }

        List<TeamFigures> teams = new ArrayList<>();
        if (teamId == null) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = bind(em.createNativeQuery("""
                    select t.team_id, min(t.category), count(distinct t.volunteer_id),
                           count(s.id), coalesce(sum(s.minutes), 0), coalesce(sum(s.points_awarded), 0)
                    from volunteer_team t join volunteer v on v.volunteer_id = t.volunteer_id and v.community_id = :community
                    left join service_log s on s.volunteer_id = t.volunteer_id and s.status = 'CONFIRMED'
                         and s.performed_at >= :from and s.performed_at < :to
                    group by t.team_id order by min(t.category), t.team_id"""), communityId, from, to, null).getResultList();
            for (Object[] row : rows) {
                teams.add(new TeamFigures((UUID) row[0], (String) row[1], number(row[2]), number(row[3]), number(row[4]),
                        number(row[5])));
            }
        }
        long minutes = number(services[4]);
        return new Monthly(communityId, month, teamId, number(services[0]), number(services[1]), number(services[2]),
                number(services[3]), minutes, Math.round(minutes / 6.0) / 10.0, number(points[0]), number(points[1]),
                number(points[2]), topVolunteers, teams);
    }

    /** Enrolled volunteers with no confirmed service in the last {@code days} days, longest quiet first. */
    public List<InactiveVolunteer> inactive(String communityId, int days, int page, int size) {
        scope.requireReader(communityId);
        OffsetDateTime since = OffsetDateTime.now(clock).minusDays(days);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select v.volunteer_id, v.enrolled_at, max(s.performed_at) as last_service
                from volunteer v left join service_log s on s.volunteer_id = v.volunteer_id and s.status = 'CONFIRMED'
                where v.community_id = ?1 and v.enrolled_at < ?2
                  and not exists (select 1 from ledger_account a where a.owner_id = v.volunteer_id and a.frozen)
                group by v.volunteer_id, v.enrolled_at
                having max(s.performed_at) is null or max(s.performed_at) < ?2
                order by max(s.performed_at) nulls first, v.enrolled_at, v.volunteer_id""")
                .setParameter(1, communityId).setParameter(2, since).setFirstResult(page * size).setMaxResults(size)
                .getResultList();
        List<InactiveVolunteer> quiet = new ArrayList<>();
        for (Object[] row : rows) {
            quiet.add(new InactiveVolunteer((UUID) row[0], timestamp(row[1]), timestamp(row[2])));
        }
        return quiet;
    }

    private static Query bind(Query query, String communityId, OffsetDateTime from, OffsetDateTime to, UUID teamId) {
        query.setParameter("community", communityId).setParameter("from", from).setParameter("to", to);
        if (teamId != null) {
            query.setParameter("team", teamId);
        }
        return query;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
