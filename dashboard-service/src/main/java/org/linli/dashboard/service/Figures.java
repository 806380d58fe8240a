package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.linli.dashboard.domain.Metric;
import org.linli.platform.problem.InvalidRequestProblem;

import io.agroal.api.AgroalDataSource;

/**
 * The figures of a district or a community over a period, read from the projection's tables. Flows are summed over
 * the period, stocks taken at its last day; trends are the 30 days that end with the period. Every figure the page,
 * the API and the monthly report show comes from here, so they agree.
 */
@ApplicationScoped
public class Figures {

    /** The longest period one request may ask for. */
    static final int MAX_DAYS = 366;
    static final int TREND_DAYS = 30;
    static final List<String> TREND_METRICS = List.of(Metric.MEALS_DELIVERED.key, Metric.MEALS_SERVED.key,
            Metric.SERVICES_CONFIRMED.key, Metric.ALERTS_RAISED.key, Metric.POINTS_ISSUED.key,
            Metric.RESIDENTS_60_PLUS.key);

    public record Period(LocalDate from, LocalDate to) {
    }

    public record CommunityRow(String communityId, String name, String subDistrictId, String subDistrictName,
            Map<String, Long> figures,
            long volunteersActive, long alertsOpen, long alertsOverdue, long quietElders) {
    }

    public record SubDistrictRow(String subDistrictId, String name, int communities, Map<String, Long> figures, long alertsOpen,
            long alertsOverdue) {
    }

    public record Trend(List<LocalDate> days, Map<String, List<Long>> series) {
    }

    public record AckTimes(int acknowledged, Long p50Seconds, Long p90Seconds, Long maxSeconds) {
    }

    public record OpenAlert(UUID alertId, String communityId, UUID gridId, String cause, OffsetDateTime raisedAt,
            OffsetDateTime escalatesAt, boolean acknowledged, boolean overdue, long minutesOpen) {
    }

    public record Care(long alertsOpen, long alertsOverdue, long oldestOpenMinutes, AckTimes acknowledgement,
            List<OpenAlert> openAlerts, long needsOpen, Long oldestOpenNeedDays, Double averageOpenNeedDays) {
    }

    public record GridQuiet(UUID gridId, long elders, long quiet) {
    }

    public record DistrictOverview(String districtId, String name, Period period, OffsetDateTime asOf, Map<String, Long> totals,
            long volunteersActive, List<CommunityRow> communities, List<SubDistrictRow> subDistricts, Trend trend,
            Care care) {
    }

    public record CommunityOverview(Communities.Community community, Period period, OffsetDateTime asOf,
            Map<String, Long> totals, long volunteersActive, Map<String, Map<String, Long>> breakdown, Trend trend,
            Care care, int quietAfterDays, List<GridQuiet> quietElders) {
    }

    /**
     * Each stock's level at the end of a day (parameter 1) per community (parameter 2, an array): its level now less the
     * changes after that day, so that a recent day reads a few rows. Columns: community_id, metric, value, dimension.
     */
    static final String STOCK_ON_DAY = "select l.community_id, l.metric, l.value - coalesce((select sum(f.value) "
            + "from daily_figure f where f.community_id = l.community_id and f.metric = l.metric "
            + "and f.dimension = l.dimension and f.day > ?), 0) as value, l.dimension from stock_level l "
            + "where l.community_id = any(?) ";

    private final AgroalDataSource dataSource;
    private final FigureCache cache;
    private final Communities communitiesNamed;
    private final Clock clock;
    private final ZoneId zone;
    private final DashboardConfig config;

    Figures(AgroalDataSource dataSource, FigureCache cache, Communities communitiesNamed, Clock clock,
            DashboardConfig config) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.communitiesNamed = communitiesNamed;
        this.clock = clock;
        this.zone = ZoneId.of(config.timeZone());
        this.config = config;
    }

    /** The period a request names; by default this month up to today (community time). */
    public Period period(LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate end = to != null ? to : today;
        LocalDate start = from != null ? from : end.withDayOfMonth(1);
        if (start.isAfter(end)) {
            throw new InvalidRequestProblem("from", "is after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new InvalidRequestProblem("from", "a period is at most " + MAX_DAYS + " days");
        }
        return new Period(start, end);
    }

    public DistrictOverview district(String districtId, List<Communities.Community> communities, Period period) {
        List<String> covered = communities.stream().map(Communities.Community::communityId).toList();
        return cache.get(new FigureCache.Key("district", districtId + covered.hashCode(), period, null), covered,
                () -> readDistrict(districtId, communities, period));
    }

    private DistrictOverview readDistrict(String districtId, List<Communities.Community> communities, Period period) {
        String[] ids = communities.stream().map(Communities.Community::communityId).toArray(String[]::new);
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<String, Long>> byCommunity = totalsByCommunity(c, ids, period);
            Map<String, Long> active = volunteersActive(c, ids, period);
            Care care = care(c, ids, period);
            Map<String, Long> quiet = quietByCommunity(c, ids, config.quietAfterDays());
            List<CommunityRow> rows = new ArrayList<>();
            Map<String, Long> totals = emptyFigures();
            for (Communities.Community community : communities) {
                Map<String, Long> figures = byCommunity.getOrDefault(community.communityId(), emptyFigures());
                figures.forEach((metric, value) -> totals.merge(metric, value, Long::sum));
                long open = care.openAlerts().stream().filter(a -> a.communityId().equals(community.communityId())).count();
                long overdue = care.openAlerts().stream()
                        .filter(a -> a.communityId().equals(community.communityId()) && a.overdue()).count();
                rows.add(new CommunityRow(community.communityId(), community.name(), community.subDistrictId(),
                        community.subDistrictName(), figures,
                        active.getOrDefault(community.communityId(), 0L), open, overdue,
                        quiet.getOrDefault(community.communityId(), 0L)));
            }
            Map<String, SubDistrictRow> subDistricts = new TreeMap<>();
            for (CommunityRow row : rows) {
                String key = row.subDistrictId() == null ? "" : row.subDistrictId();
                SubDistrictRow before = subDistricts.get(key);
                Map<String, Long> figures = before == null ? emptyFigures() : new LinkedHashMap<>(before.figures());
                row.figures().forEach((metric, value) -> figures.merge(metric, value, Long::sum));
                subDistricts.put(key, new SubDistrictRow(row.subDistrictId(), row.subDistrictName(),
                        (before == null ? 0 : before.communities()) + 1,
                        figures, (before == null ? 0 : before.alertsOpen()) + row.alertsOpen(),
                        (before == null ? 0 : before.alertsOverdue()) + row.alertsOverdue()));
            }
            long activeTotal = active.values().stream().mapToLong(Long::longValue).sum();
            return new DistrictOverview(districtId, communitiesNamed.districtName(districtId).orElse(null), period,
                    OffsetDateTime.now(clock), totals, activeTotal, rows,
                    List.copyOf(subDistricts.values()), trend(c, ids, period.to()), care);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the district's figures", e);
        }
    }

    public CommunityOverview community(Communities.Community community, Period period, Integer quietAfterDays) {
        int quietDays = quietAfterDays == null ? config.quietAfterDays() : quietAfterDays;
        if (quietDays < 1 || quietDays > 90) {
            throw new InvalidRequestProblem("quietDays", "must be between 1 and 90");
        }
        return cache.get(new FigureCache.Key("community", community.communityId(), period, quietDays),
                List.of(community.communityId()), () -> readCommunity(community, period, quietDays));
    }

    private CommunityOverview readCommunity(Communities.Community community, Period period, int quietDays) {
        String[] ids = { community.communityId() };
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> totals = totalsByCommunity(c, ids, period).getOrDefault(community.communityId(), emptyFigures());
            long active = volunteersActive(c, ids, period).getOrDefault(community.communityId(), 0L);
            return new CommunityOverview(community, period, OffsetDateTime.now(clock), totals, active,
                    breakdown(c, community.communityId(), period), trend(c, ids, period.to()), care(c, ids, period),
                    quietDays, quietByGrid(c, community.communityId(), quietDays));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the community's figures", e);
        }
    }

    // --- queries ----------------------------------------------------------------------------------------------------

    private static Map<String, Long> emptyFigures() {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            figures.put(metric.key, 0L);
        }
        return figures;
    }

    private static String[] keys(Metric.Kind kind) {
        return Arrays.stream(Metric.values()).filter(m -> m.kind == kind).map(m -> m.key).toArray(String[]::new);
    }

    private Map<String, Map<String, Long>> totalsByCommunity(Connection c, String[] ids, Period period) throws SQLException {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select community_id, metric, sum(value) from daily_figure "
                + "where community_id = any(?) and dimension = '' and metric = any(?) and day between ? and ? "
                + "group by community_id, metric "
                + "union all select community_id, metric, value from (" + STOCK_ON_DAY + "and l.dimension = '') levels")) {
            s.setArray(1, c.createArrayOf("varchar", ids));
            s.setArray(2, c.createArrayOf("varchar", keys(Metric.Kind.FLOW)));
            s.setObject(3, period.from());
            s.setObject(4, period.to());
            s.setObject(5, period.to());
            s.setArray(6, c.createArrayOf("varchar", ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.computeIfAbsent(r.getString(1), k -> emptyFigures()).put(r.getString(2), r.getLong(3));
                }
            }
        }
        return result;
    }

    private static Map<String, Long> volunteersActive(Connection c, String[] ids, Period period) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select community_id, count(distinct volunteer_id) from service "
                + "where community_id = any(?) and status = 'CONFIRMED' and performed_on between ? and ? "
                + "group by community_id")) {
            s.setArray(1, c.createArrayOf("varchar", ids));
            s.setObject(2, period.from());
            s.setObject(3, period.to());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return result;
    }

    private static Map<String, Map<String, Long>> breakdown(Connection c, String community, Period period)
            throws SQLException {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select dimension, metric, sum(value) from daily_figure "
                + "where community_id = ? and dimension <> '' and metric = any(?) and day between ? and ? "
                + "group by dimension, metric "
                + "union all select dimension, metric, value from (" + STOCK_ON_DAY + "and l.dimension <> '') levels")) {
            s.setString(1, community);
            s.setArray(2, c.createArrayOf("varchar", keys(Metric.Kind.FLOW)));
            s.setObject(3, period.from());
            s.setObject(4, period.to());
            s.setObject(5, period.to());
            s.setArray(6, c.createArrayOf("varchar", new String[] { community }));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getLong(3) != 0) {
                        result.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
                    }
                }
            }
        }
        return result;
    }

    private Trend trend(Connection c, String[] ids, LocalDate to) throws SQLException {
        LocalDate from = to.minusDays(TREND_DAYS - 1L);
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        Map<String, long[]> series = new LinkedHashMap<>();
        TREND_METRICS.forEach(metric -> series.put(metric, new long[TREND_DAYS]));
        try (PreparedStatement s = c.prepareStatement("select day, metric, sum(value) from daily_figure "
                + "where community_id = any(?) and dimension = '' and metric = any(?) and day between ? and ? "
                + "group by day, metric "
                + "union all select ?::date, metric, sum(value) from (" + STOCK_ON_DAY + "and l.dimension = '') levels "
                + "group by metric")) {
            s.setArray(1, c.createArrayOf("varchar", ids));
            s.setArray(2, c.createArrayOf("varchar", TREND_METRICS.toArray(String[]::new)));
            s.setObject(3, from);
            s.setObject(4, to);
            s.setObject(5, from.minusDays(1));
            s.setObject(6, from.minusDays(1));
            s.setArray(7, c.createArrayOf("varchar", ids));
            long[] stockBase = new long[TREND_METRICS.size()];
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    LocalDate day = r.getObject(1, LocalDate.class);
                    String metric = r.getString(2);
                    if (day.isBefore(from)) {
                        if (TREND_METRICS.contains(metric)) {
                            stockBase[TREND_METRICS.indexOf(metric)] = r.getLong(3);
                        }
                    } else {
                        series.get(metric)[(int) ChronoUnit.DAYS.between(from, day)] = r.getLong(3);
                    }
                }
            }
            Map<String, List<Long>> result = new LinkedHashMap<>();
            for (int m = 0; m < TREND_METRICS.size(); m++) {
                String metric = TREND_METRICS.get(m);
                long[] values = series.get(metric);
                if (Metric.ofKey(metric).kind == Metric.Kind.STOCK) { // a stock's trend is its level on each day
                    long level = stockBase[m];
                    for (int i = 0; i < values.length; i++) {
                        level += values[i];
                        values[i] = level;
                    }
                }
                result.put(metric, Arrays.stream(values).boxed().toList());
            }
            return new Trend(days, result);
        }
    }

    private Care care(Connection c, String[] ids, Period period) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<OpenAlert> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select alert_id, community_id, grid_id, cause, raised_at, "
                + "escalates_at, acknowledged_at from care_alert where community_id = any(?) and resolved_at is null "
                + "order by raised_at")) {
            s.setArray(1, c.createArrayOf("varchar", ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime raised = r.getObject(5, OffsetDateTime.class);
                    OffsetDateTime escalates = r.getObject(6, OffsetDateTime.class);
                    if (escalates == null) {
                        escalates = raised.plus(config.escalationAfter());
                    }
                    boolean acknowledged = r.getObject(7) != null;
                    open.add(new OpenAlert(r.getObject(1, UUID.class), r.getString(2), r.getObject(3, UUID.class),
                            r.getString(4), raised, escalates, acknowledged, !acknowledged && now.isAfter(escalates),
                            Math.max(0, Duration.between(raised, now).toMinutes())));
                }
            }
        }
        // the most urgent first: overdue, then unacknowledged, then the oldest
        open.sort(java.util.Comparator.comparing((OpenAlert a) -> !a.overdue()).thenComparing(OpenAlert::acknowledged)
                .thenComparing(OpenAlert::raisedAt));
        AckTimes acknowledgement;
        try (PreparedStatement s = c.prepareStatement("select count(*), percentile_disc(0.5) within group (order by wait), "
                + "percentile_disc(0.9) within group (order by wait), max(wait) from (select extract(epoch from "
                + "acknowledged_at - raised_at)::bigint as wait from care_alert where community_id = any(?) "
                + "and acknowledged_at is not null and raised_at >= ? and raised_at < ?) w")) {
            s.setArray(1, c.createArrayOf("varchar", ids));
            s.setObject(2, period.from().atStartOfDay(zone).toOffsetDateTime());
            s.setObject(3, period.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                acknowledgement = new AckTimes(r.getInt(1), (Long) r.getObject(2, Long.class),
                        r.getObject(3, Long.class), r.getObject(4, Long.class));
            }
        }
        long needsOpen;
        Long oldestNeed;
        Double averageNeed;
        try (PreparedStatement s = c.prepareStatement("select count(*), min(recorded_at), "
                + "avg(extract(epoch from (?::timestamptz - recorded_at)) / 86400.0) from need "
                + "where community_id = any(?) and closed_at is null")) {
            s.setObject(1, now);
            s.setArray(2, c.createArrayOf("varchar", ids));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                needsOpen = r.getLong(1);
                OffsetDateTime oldest = r.getObject(2, OffsetDateTime.class);
                oldestNeed = oldest == null ? null : Duration.between(oldest, now).toDays();
                averageNeed = r.getObject(3) == null ? null : Math.round(r.getDouble(3) * 10) / 10.0;
            }
        }
        long overdue = open.stream().filter(OpenAlert::overdue).count();
        long oldestOpen = open.stream().mapToLong(OpenAlert::minutesOpen).max().orElse(0);
        return new Care(open.size(), overdue, oldestOpen, acknowledgement, open, needsOpen, oldestNeed, averageNeed);
    }

    /**
     * Elders the community watches (aged 60+, living alone or housebound) with no delivery and no confirmed visit in
     * the last {@code days} days (or never), counted per grid. Only ids and counts leave this method.
     */
    private List<GridQuiet> quietByGrid(Connection c, String community, int days) throws SQLException {
        List<GridQuiet> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select grid_id, count(*), count(*) filter (where "
                + "last_contact_at is null or last_contact_at < ?) from resident where community_id = ? and aged60 "
                + "and (lives_alone or housebound) and not moved_out group by grid_id order by 3 desc, 1")) {
            s.setObject(1, OffsetDateTime.now(clock).minusDays(days));
            s.setString(2, community);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new GridQuiet(r.getObject(1, UUID.class), r.getLong(2), r.getLong(3)));
                }
            }
        }
        return result;
    }

    private Map<String, Long> quietByCommunity(Connection c, String[] ids, int days) throws SQLException {
        Map<String, Long> result = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("select community_id, count(*) from resident where "
                + "community_id = any(?) and aged60 and (lives_alone or housebound) and not moved_out "
                + "and (last_contact_at is null or last_contact_at < ?) group by community_id")) {
            s.setArray(1, c.createArrayOf("varchar", ids));
            s.setObject(2, OffsetDateTime.now(clock).minusDays(days));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return result;
    }
}
