package org.linli.dashboard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.linli.dashboard.domain.Metric;
import org.linli.platform.events.CloudEvent;
import org.linli.platform.events.MalformedEventException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns events into figures, on one JDBC connection, so that the live consumer (inside its transaction) and a rebuild
 * (on a connection to a fresh schema) run exactly the same code. Daily figures, stock levels, residents' last contact
 * and services' award postings are gathered per batch and written in one statement each at {@link #flush()} (nothing
 * later in the batch reads them from the table: a reversal looks up a posting of its own batch in memory); rows that
 * later events of the same batch read (residents, services, alerts) are written at once, one round trip an event at
 * most, and a community's place in the district once a batch. Reads only ids, codes, flags, numbers and times: the
 * events carry nothing else.
 *
 * <p>A day is the community's calendar day (China Standard Time by default) of the time the figure is about: the meal
 * date for lunches, the time performed for services, the posting's time for points, the event's time otherwise.
 */
final class Projector {

    private final Connection connection;
    private final ZoneId zone;
    private final Map<FigureKey, Long> deltas = new HashMap<>();
    private final Map<FigureKey, Long> eventDeltas = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    /** Last contact per resident and award posting per service, written in one statement each at {@link #flush()}. */
    private final Map<UUID, OffsetDateTime> contacts = new HashMap<>();
    private final Map<UUID, UUID> awardPostings = new HashMap<>();
    /** Where each community of this batch was already placed (community, district, sub-district): placed once a batch. */
    private final Set<List<String>> placed = new java.util.HashSet<>();

    record FigureKey(String communityId, LocalDate day, String metric, String dimension) {
    }

    Projector(Connection connection, ZoneId zone) {
        this.connection = connection;
        this.zone = zone;
    }

    /** The communities whose figures this batch changed. */
    Set<String> changedCommunities() {
        return changed;
    }

    /**
     * Projects one event. Its figures join the batch only when it was read to the end, so an event found malformed half
     * way moves no figure (its rows are undone by the caller's savepoint or transaction).
     */
    void project(CloudEvent event) throws SQLException {
        eventDeltas.clear();
        eventContact = null;
        eventPosting = null;
        projectRows(event);
        eventDeltas.forEach((key, delta) -> deltas.merge(key, delta, Long::sum));
        eventDeltas.clear();
        if (eventContact != null) {
            contacts.merge(eventContact.getKey(), eventContact.getValue(), (a, b) -> a.isAfter(b) ? a : b);
        }
        if (eventPosting != null) {
            awardPostings.put(eventPosting.getKey(), eventPosting.getValue());
        }
    }

    // what the event being projected adds to the batch's deferred writes (joined only when it was read to the end)
    private Map.Entry<UUID, OffsetDateTime> eventContact;
    private Map.Entry<UUID, UUID> eventPosting;

    private void projectRows(CloudEvent event) throws SQLException {
        JsonNode d = event.data();
        if (d == null || !d.isObject()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no data object");
        }
        if ("org-unit.changed.v1".equals(event.type())) { // a district or sub-district belongs to no community
            orgUnit(d);
            String community = text(d, "communityId");
            if (community != null && "COMMUNITY".equals(text(d, "kind"))) {
                knowCommunity(community, text(d, "districtId"), text(d, "subDistrictId"));
                update("update community set name = ? where community_id = ?", text(d, "name"), community);
                changed.add(community);
            }
            return;
        }
        String community = text(d, "communityId");
        if (community == null) {
            community = event.communityId();
        }
        if (community == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " names no community");
        }
        changed.add(community);
        String districtId = text(d, "districtId");
        if (districtId != null) {
            knowCommunity(community, districtId, text(d, "subDistrictId"));
        }
        switch (event.type()) {
            case "resident.registered.v1", "resident.updated.v1" -> resident(community, d, day(event.time()));
            case "resident.moved-out.v1" -> movedOut(uuid(d, "residentId"), day(event.time()));
            case "volunteer.enrolled.v1" -> enrolled(community, d, day(event.time()));
            case "volunteer.joined-team.v1" -> joinedTeam(community, uuid(d, "teamId"), uuid(d, "volunteerId"),
                    text(d, "category"));
            case "volunteer.left-team.v1" -> {
                // the membership stays: a team's figures count every service of a volunteer who is or was in it (the
                // same whatever order a rebuild reads the topics in); services after leaving are the exception
            }
            case "service.logged.v1" -> serviceLogged(community, d);
            case "service.confirmed.v1" -> serviceConfirmed(community, d);
            case "service.rejected.v1" -> serviceRejected(community, d);
            case "points.awarded.v1" -> pointsAwarded(community, d);
            case "points.redeemed.v1" -> {
                LocalDate day = day(time(d, "redeemedAt", event));
                add(community, day, Metric.POINTS_REDEEMED, "", d.path("points").asLong());
                add(community, day, Metric.REDEMPTIONS, "", 1);
                String sponsor = text(d, "sponsorId");
                if (sponsor != null) {
                    add(community, day, Metric.REDEMPTIONS, "sponsor:" + sponsor, 1);
                }
            }
            case "points.reversed.v1" -> pointsReversed(community, d, event);
            case "redemption.handed-over.v1" -> add(community, day(time(d, "handedOverAt", event)),
                    Metric.REDEMPTIONS_HANDED_OVER, "", 1);
            case "class.credits-bought.v1" -> add(community, day(time(d, "boughtAt", event)), Metric.CLASS_CREDITS_BOUGHT,
                    "", d.path("credits").asLong());
            case "class.booked.v1" -> add(community, day(time(d, "at", event)), Metric.CLASS_SEATS_BOOKED, "", 1);
            case "class.booking-cancelled.v1" -> {
                LocalDate day = day(time(d, "at", event));
                add(community, day, Metric.CLASS_SEATS_BOOKED, "", -1);
                add(community, day, Metric.CLASS_BOOKINGS_CANCELLED, "", 1);
            }
            case "meal.ordered.v1" -> {
                LocalDate day = mealDate(d);
                add(community, day, Metric.MEALS_ORDERED, "", 1);
                add(community, day, Metric.MEALS_ORDERED, "mode:" + text(d, "service"), 1);
            }
            case "meal.cancelled.v1" -> add(community, mealDate(d), Metric.MEALS_CANCELLED, "", 1);
            case "meal.served.v1" -> {
                LocalDate day = mealDate(d);
                add(community, day, Metric.MEALS_SERVED, "", 1);
                paid(community, day, d.path("price"));
            }
            case "meal.delivered.v1" -> mealDelivered(community, d, event);
            case "meal.delivery-missed.v1" -> add(community, mealDate(d), Metric.MEALS_MISSED, "", 1);
            case "care-alert.raised.v1" -> alertRaised(community, d, event);
            case "care-alert.acknowledged.v1" -> alertStep(community, d, event, "acknowledged_at", "acknowledgedAt",
                    Metric.ALERTS_ACKNOWLEDGED);
            case "care-alert.escalated.v1" -> alertStep(community, d, event, "escalated_at", "escalatedAt",
                    Metric.ALERTS_ESCALATED);
            case "care-alert.resolved.v1" -> {
                OffsetDateTime acknowledged = optionalTime(d, "acknowledgedAt");
                if (acknowledged != null) { // resolved without a separate acknowledgement: it was taken on when resolved
                    alertStep(community, d, event, "acknowledged_at", "acknowledgedAt", Metric.ALERTS_ACKNOWLEDGED);
                }
                alertStep(community, d, event, "resolved_at", "resolvedAt", Metric.ALERTS_RESOLVED);
            }
            case "need.recorded.v1" -> {
                OffsetDateTime at = time(d, "recordedAt", event);
                update("insert into need (need_id, community_id, grid_id, category, recorded_at) values (?, ?, ?, ?, ?) "
                        + "on conflict do nothing", uuid(d, "needId"), community, uuid(d, "gridId"), text(d, "category"), at);
                add(community, day(at), Metric.NEEDS_RECORDED, "", 1);
                add(community, day(at), Metric.NEEDS_RECORDED, "category:" + text(d, "category"), 1);
            }
            case "need.closed.v1" -> {
                OffsetDateTime at = optionalTime(d, "residentToldAt");
                at = at != null ? at : event.time();
                if (update("update need set closed_at = ? where need_id = ? and closed_at is null", at,
                        uuid(d, "needId")) > 0) {
                    add(community, day(at), Metric.NEEDS_CLOSED, "", 1);
                }
            }
            default -> {
                // a known event that moves no figure (menu.published.v1)
            }
        }
    }

    // --- people ---------------------------------------------------------------------------------------------------

    private record Flags(String band, boolean aged60, boolean aged80, boolean alone, boolean housebound) {
    }

    private void resident(String community, JsonNode d, LocalDate day) throws SQLException {
        UUID id = uuid(d, "residentId");
        String band = text(d, "ageBand");
        boolean aged80 = d.has("aged80Plus") ? d.path("aged80Plus").asBoolean()
                : "AGED_85_94".equals(band) || "AGED_95_PLUS".equals(band);
        Flags now = new Flags(band, d.path("aged60Plus").asBoolean(), aged80, d.path("livesAlone").asBoolean(),
                d.path("housebound").asBoolean());
        Flags before = null;
        String beforeCommunity = null;
        // one round trip: the row as it was (the statement's snapshot) and the upsert (a WITH that writes always runs)
        try (PreparedStatement s = connection.prepareStatement("with before as (select age_band, aged60, aged80, "
                + "lives_alone, housebound, community_id from resident where resident_id = ? and not moved_out), "
                + "written as (insert into resident (resident_id, community_id, grid_id, age_band, aged60, aged80, "
                + "lives_alone, housebound) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (resident_id) do update set "
                + "community_id = excluded.community_id, grid_id = excluded.grid_id, age_band = excluded.age_band, "
                + "aged60 = excluded.aged60, aged80 = excluded.aged80, lives_alone = excluded.lives_alone, "
                + "housebound = excluded.housebound, moved_out = false) "
                + "select * from before")) {
            s.setObject(1, id);
            s.setObject(2, id);
            s.setString(3, community);
            s.setObject(4, uuid(d, "gridId"));
            s.setString(5, band);
            s.setBoolean(6, now.aged60());
            s.setBoolean(7, now.aged80());
            s.setBoolean(8, now.alone());
            s.setBoolean(9, now.housebound());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    before = new Flags(r.getString(1), r.getBoolean(2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5));
                    beforeCommunity = r.getString(6);
                }
            }
        }
        if (before != null) {
            count(beforeCommunity, day, before, -1);
        }
        count(community, day, now, +1);
    }

    private void movedOut(UUID id, LocalDate day) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("update resident set moved_out = true "
                + "where resident_id = ? and not moved_out returning community_id, age_band, aged60, aged80, lives_alone, housebound")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    count(r.getString(1), day,
                            new Flags(r.getString(2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5), r.getBoolean(6)), -1);
                }
            }
        }
    }

    private void count(String community, LocalDate day, Flags flags, int sign) {
        add(community, day, Metric.RESIDENTS, "", sign);
        if (flags.band() != null) {
            add(community, day, Metric.RESIDENTS, "band:" + flags.band(), sign);
        }
        add(community, day, Metric.RESIDENTS_60_PLUS, "", flags.aged60() ? sign : 0);
        add(community, day, Metric.RESIDENTS_80_PLUS, "", flags.aged80() ? sign : 0);
        add(community, day, Metric.RESIDENTS_LIVING_ALONE, "", flags.alone() ? sign : 0);
        add(community, day, Metric.RESIDENTS_HOUSEBOUND, "", flags.housebound() ? sign : 0);
    }

    private void enrolled(String community, JsonNode d, LocalDate day) throws SQLException {
        UUID volunteer = uuid(d, "volunteerId");
        if (update("insert into volunteer (volunteer_id, community_id) values (?, ?) on conflict do nothing", volunteer,
                community) > 0) {
            add(community, day, Metric.VOLUNTEERS_ENROLLED, "", 1);
        }
        for (JsonNode team : d.path("teams")) {
            if (team.hasNonNull("teamId")) {
                joinedTeam(community, UUID.fromString(team.get("teamId").asText()), volunteer, text(team, "category"));
            }
        }
    }

    /**
     * A volunteer in a team: the team's figures count every confirmed service of theirs, those confirmed before this
     * event was read included (in a rebuild the points topic may be read ahead of the resident topic), so that a service
     * counts for a team exactly once whichever of the two arrives first.
     */
    private void joinedTeam(String community, UUID team, UUID volunteer, String category) throws SQLException {
        if (update("insert into team_member (team_id, volunteer_id, community_id, category) values (?, ?, ?, ?) "
                + "on conflict do nothing", team, volunteer, community, category) == 0) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("select community_id, performed_on, count(*), sum(minutes) "
                + "from service where volunteer_id = ? and status = 'CONFIRMED' group by community_id, performed_on")) {
            s.setObject(1, volunteer);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    LocalDate day = r.getObject(2, LocalDate.class);
                    add(r.getString(1), day, Metric.SERVICES_CONFIRMED, "team:" + team, r.getLong(3));
                    add(r.getString(1), day, Metric.SERVICE_MINUTES, "team:" + team, r.getLong(4));
                    changed.add(r.getString(1));
                }
            }
        }
    }

    private void orgUnit(JsonNode d) throws SQLException {
        String kind = text(d, "kind");
        update("insert into org_unit (unit_id, kind, code, name, parent_id) values (?, ?, ?, ?, ?) on conflict (unit_id) "
                + "do update set kind = excluded.kind, code = excluded.code, name = excluded.name, parent_id = excluded.parent_id",
                text(d, "unitId"), kind, text(d, "code"), text(d, "name"), text(d, "parentId"));
    }

    private void knowCommunity(String community, String district, String subDistrict) throws SQLException {
        if (!placed.add(java.util.Arrays.asList(community, district, subDistrict))) {
            return; // most events name their district: one statement per community and batch, not per event
        }
        update("insert into community (community_id, district_id, sub_district_id, name) values (?, ?, ?, "
                + "(select name from org_unit where kind = 'COMMUNITY' and code = ? limit 1)) on conflict (community_id) "
                + "do update set district_id = excluded.district_id, "
                + "sub_district_id = coalesce(excluded.sub_district_id, community.sub_district_id) "
                + "where community.district_id is distinct from excluded.district_id "
                + "or (excluded.sub_district_id is not null "
                + "and community.sub_district_id is distinct from excluded.sub_district_id)",
                community, district, subDistrict, community);
    }

    // --- volunteering -----------------------------------------------------------------------------------------------

    private void serviceLogged(String community, JsonNode d) throws SQLException {
        LocalDate day = day(requiredTime(d, "performedAt"));
        String type = text(d, "typeCode");
        update("insert into service (service_id, community_id, volunteer_id, type_code, minutes, performed_on, status) "
                + "values (?, ?, ?, ?, ?, ?, 'PENDING') on conflict do nothing", uuid(d, "serviceId"), community,
                uuid(d, "volunteerId"), type, d.path("minutes").asInt(), day);
        add(community, day, Metric.SERVICES_LOGGED, "", 1);
        add(community, day, Metric.SERVICES_LOGGED, "type:" + type, 1);
    }

    private void serviceConfirmed(String community, JsonNode d) throws SQLException {
        OffsetDateTime performed = requiredTime(d, "performedAt");
        LocalDate day = day(performed);
        UUID serviceId = uuid(d, "serviceId");
        UUID volunteer = uuid(d, "volunteerId");
        String type = text(d, "typeCode");
        long minutes = d.path("minutes").asLong();
        List<String> dimensions = new ArrayList<>(List.of("", "type:" + type));
        // one round trip: the upsert (a WITH that writes always runs), and the teams the service counts for
        try (PreparedStatement s = connection.prepareStatement("with written as (insert into service (service_id, "
                + "community_id, volunteer_id, type_code, minutes, performed_on, status) values (?, ?, ?, ?, ?, ?, "
                + "'CONFIRMED') on conflict (service_id) do update set status = 'CONFIRMED') "
                + "select team_id from team_member where volunteer_id = ?")) {
            s.setObject(1, serviceId);
            s.setString(2, community);
            s.setObject(3, volunteer);
            s.setString(4, type);
            s.setInt(5, (int) minutes);
            s.setObject(6, day);
            s.setObject(7, volunteer);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    dimensions.add("team:" + r.getString(1));
                }
            }
        }
        for (String dimension : dimensions) {
            add(community, day, Metric.SERVICES_CONFIRMED, dimension, 1);
            add(community, day, Metric.SERVICE_MINUTES, dimension, minutes);
        }
        UUID beneficiary = uuid(d, "beneficiaryId");
        if (beneficiary != null) {
            contact(beneficiary, performed);
        }
    }

    private void serviceRejected(String community, JsonNode d) throws SQLException {
        LocalDate day = day(requiredTime(d, "performedAt"));
        String type = text(d, "typeCode");
        update("update service set status = 'REJECTED' where service_id = ?", uuid(d, "serviceId"));
        add(community, day, Metric.SERVICES_REJECTED, "", 1);
        add(community, day, Metric.SERVICES_REJECTED, "type:" + type, 1);
    }

    /** The total, the service type and every team the volunteer belongs to (a volunteer in two teams counts in both). */
    private List<String> serviceDimensions(String type, UUID volunteer) throws SQLException {
        List<String> dimensions = new ArrayList<>(List.of("", "type:" + type));
        try (PreparedStatement s = connection.prepareStatement("select team_id from team_member where volunteer_id = ?")) {
            s.setObject(1, volunteer);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    dimensions.add("team:" + r.getString(1));
                }
            }
        }
        return dimensions;
    }

    private void pointsAwarded(String community, JsonNode d) throws SQLException {
        LocalDate day = day(requiredTime(d, "awardedAt"));
        long points = d.path("points").asLong();
        add(community, day, Metric.POINTS_ISSUED, "", points);
        add(community, day, Metric.POINTS_ISSUED, "source:" + text(d, "source"), points);
        UUID service = uuid(d, "serviceId");
        UUID posting = uuid(d, "postingId");
        if (service != null && posting != null) {
            eventPosting = Map.entry(service, posting);
        }
    }

    private void pointsReversed(String community, JsonNode d, CloudEvent event) throws SQLException {
        LocalDate day = day(time(d, "reversedAt", event));
        long points = d.path("points").asLong();
        String source = text(d, "reversedSource");
        if ("REDEMPTION".equals(source)) {
            add(community, day, Metric.POINTS_REDEEMED, "", -points); // a cancelled reservation gives the points back
            return;
        }
        add(community, day, Metric.POINTS_ISSUED, "", points); // negative: a corrected award takes points back
        add(community, day, Metric.POINTS_ISSUED, "source:" + source, points);
        if ("SERVICE".equals(source)) { // the service no longer counts
            List<String> dimensions = List.of("");
            UUID reversed = uuid(d, "reversesPostingId");
            UUID awardedInThisBatch = awardPostings.entrySet().stream().filter(e -> e.getValue().equals(reversed))
                    .map(Map.Entry::getKey).findFirst().orElse(null); // its posting is not written yet
            try (PreparedStatement s = connection.prepareStatement("update service set status = 'REVERSED' where "
                    + (awardedInThisBatch != null ? "service_id" : "award_posting") + " = ? returning type_code, volunteer_id")) {
                s.setObject(1, awardedInThisBatch != null ? awardedInThisBatch : reversed);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        dimensions = serviceDimensions(r.getString(1), r.getObject(2, UUID.class));
                    }
                }
            }
            for (String dimension : dimensions) {
                add(community, day, Metric.SERVICES_CONFIRMED, dimension, -1);
                add(community, day, Metric.SERVICE_MINUTES, dimension, d.path("minutes").asLong());
            }
        }
    }

    // --- canteen ----------------------------------------------------------------------------------------------------

    private void mealDelivered(String community, JsonNode d, CloudEvent event) throws SQLException {
        LocalDate day = mealDate(d);
        add(community, day, Metric.MEALS_DELIVERED, "", 1);
        if ("CONCERN".equals(text(d, "welfareCheck"))) {
            add(community, day, Metric.WELFARE_CONCERNS, "", 1);
        }
        paid(community, day, d.path("price"));
        UUID diner = uuid(d, "dinerId");
        if (diner != null) {
            contact(diner, time(d, "deliveredAt", event));
        }
    }

    private void paid(String community, LocalDate day, JsonNode price) {
        add(community, day, Metric.FEN_TOTAL, "", price.path("totalFen").asLong());
        add(community, day, Metric.FEN_ELDER, "", price.path("elderPaysFen").asLong());
        add(community, day, Metric.FEN_SUBSIDY, "", price.path("subsidyFen").asLong());
        long sponsorFen = price.path("sponsorFen").asLong();
        add(community, day, Metric.FEN_SPONSOR, "", sponsorFen);
        String sponsor = text(price, "sponsorId");
        if (sponsor != null && sponsorFen != 0) {
            add(community, day, Metric.FEN_SPONSOR, "sponsor:" + sponsor, sponsorFen);
        }
    }

    private void contact(UUID resident, OffsetDateTime at) {
        eventContact = Map.entry(resident, at);
    }

    // --- care -------------------------------------------------------------------------------------------------------

    private void alertRaised(String community, JsonNode d, CloudEvent event) throws SQLException {
        OffsetDateTime raised = time(d, "raisedAt", event);
        String cause = text(d, "cause");
        update("insert into care_alert (alert_id, community_id, grid_id, cause, raised_at, escalates_at) "
                + "values (?, ?, ?, ?, ?, ?) on conflict (alert_id) do nothing", uuid(d, "alertId"), community,
                uuid(d, "gridId"), cause, raised, optionalTime(d, "escalatesAt"));
        add(community, day(raised), Metric.ALERTS_RAISED, "", 1);
        add(community, day(raised), Metric.ALERTS_RAISED, "cause:" + cause, 1);
    }

    private void alertStep(String community, JsonNode d, CloudEvent event, String column, String field, Metric metric)
            throws SQLException {
        OffsetDateTime at = time(d, field, event);
        if (update("update care_alert set " + column + " = ? where alert_id = ? and " + column + " is null", at,
                uuid(d, "alertId")) > 0) {
            add(community, day(at), metric, "", 1);
        }
    }

    // --- writing ----------------------------------------------------------------------------------------------------

    private void add(String community, LocalDate day, Metric metric, String dimension, long delta) {
        if (delta != 0) {
            eventDeltas.merge(new FigureKey(community, day, metric.key, dimension), delta, Long::sum);
        }
    }

    /** Writes the batch's daily figures, stock levels, last contacts and award postings: one statement each. */
    void flush() throws SQLException {
        flushAwardPostings();
        flushContacts();
        if (deltas.isEmpty()) {
            return;
        }
        int n = deltas.size();
        String[] communities = new String[n];
        java.sql.Date[] days = new java.sql.Date[n];
        String[] metrics = new String[n];
        String[] dimensions = new String[n];
        Long[] values = new Long[n];
        int i = 0;
        for (Map.Entry<FigureKey, Long> entry : deltas.entrySet()) {
            communities[i] = entry.getKey().communityId();
            days[i] = java.sql.Date.valueOf(entry.getKey().day());
            metrics[i] = entry.getKey().metric();
            dimensions[i] = entry.getKey().dimension();
            values[i] = entry.getValue();
            i++;
        }
        try (PreparedStatement s = connection.prepareStatement(
                "insert into daily_figure (community_id, day, metric, dimension, value) "
                        + "select * from unnest(?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::bigint[]) "
                        + "on conflict (community_id, metric, dimension, day) "
                        + "do update set value = daily_figure.value + excluded.value")) {
            s.setArray(1, connection.createArrayOf("varchar", communities));
            s.setArray(2, connection.createArrayOf("date", days));
            s.setArray(3, connection.createArrayOf("varchar", metrics));
            s.setArray(4, connection.createArrayOf("varchar", dimensions));
            s.setArray(5, connection.createArrayOf("bigint", values));
            s.executeUpdate();
        }
        flushStockLevels();
        deltas.clear();
    }

    private void flushContacts() throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("update resident r set last_contact_at = "
                + "greatest(r.last_contact_at, c.at) from unnest(?::uuid[], ?::timestamptz[]) as c(id, at) "
                + "where r.resident_id = c.id")) {
            s.setArray(1, connection.createArrayOf("uuid", contacts.keySet().stream().map(UUID::toString).toArray()));
            s.setArray(2, connection.createArrayOf("timestamptz",
                    contacts.values().stream().map(OffsetDateTime::toString).toArray()));
            s.executeUpdate();
        }
        contacts.clear();
    }

    private void flushAwardPostings() throws SQLException {
        if (awardPostings.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("update service s set award_posting = p.posting "
                + "from unnest(?::uuid[], ?::uuid[]) as p(service, posting) where s.service_id = p.service")) {
            s.setArray(1, connection.createArrayOf("uuid", awardPostings.keySet().stream().map(UUID::toString).toArray()));
            s.setArray(2, connection.createArrayOf("uuid",
                    awardPostings.values().stream().map(UUID::toString).toArray()));
            s.executeUpdate();
        }
        awardPostings.clear();
    }

    /** A stock's changes also move its level now (the same batch, the same transaction). */
    private void flushStockLevels() throws SQLException {
        Map<FigureKey, Long> levels = new HashMap<>();
        deltas.forEach((key, delta) -> {
            if (Metric.ofKey(key.metric()).kind == Metric.Kind.STOCK) {
                levels.merge(new FigureKey(key.communityId(), null, key.metric(), key.dimension()), delta, Long::sum);
            }
        });
        if (levels.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement("insert into stock_level (community_id, metric, dimension, "
                + "value) values (?, ?, ?, ?) on conflict (community_id, metric, dimension) "
                + "do update set value = stock_level.value + excluded.value")) {
            for (Map.Entry<FigureKey, Long> level : levels.entrySet()) {
                s.setString(1, level.getKey().communityId());
                s.setString(2, level.getKey().metric());
                s.setString(3, level.getKey().dimension());
                s.setLong(4, level.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof OffsetDateTime time) {
                    s.setObject(i + 1, time);
                } else if (p instanceof LocalDate date) {
                    s.setObject(i + 1, date);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            return s.executeUpdate();
        }
    }

    // --- reading events ---------------------------------------------------------------------------------------------

    private LocalDate day(OffsetDateTime time) {
        if (time == null) {
            throw new MalformedEventException("the event has no time");
        }
        return time.atZoneSameInstant(zone).toLocalDate();
    }

    private static LocalDate mealDate(JsonNode d) {
        String date = text(d, "mealDate");
        if (date == null) {
            throw new MalformedEventException("a meal event without mealDate");
        }
        try {
            return LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("mealDate is not a date: " + date);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(field + " is not a UUID");
        }
    }

    private static OffsetDateTime optionalTime(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException(field + " is not an RFC 3339 time");
        }
    }

    private static OffsetDateTime requiredTime(JsonNode node, String field) {
        OffsetDateTime time = optionalTime(node, field);
        if (time == null) {
            throw new MalformedEventException(field + " is missing");
        }
        return time;
    }

    /** The payload's own time, or the event's when the payload has none. */
    private static OffsetDateTime time(JsonNode node, String field, CloudEvent event) {
        OffsetDateTime time = optionalTime(node, field);
        if (time == null && event.time() == null) {
            throw new MalformedEventException(field + " is missing and the event has no time");
        }
        return time != null ? time : event.time();
    }
}
