package org.linli.dashboard;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.linli.infra.TestEvents;
import org.linli.infra.TopicProbe;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No names, phone numbers, ID numbers, addresses or notes anywhere in the dashboard: a producer that wrongly adds them
 * to an event does not get them into the database, the API or the log.
 */
@QuarkusTest
class NoPersonalDataTest {

    static final String NAME = "周桂英";
    static final String PHONE = "13912345678";
    static final String ID_NUMBER = "32118319480211002X";
    static final String ADDRESS = "长山花园3栋2单元501";
    static final String NOTE = "she seemed confused and had fallen";
    /** Numbers stand alone: a run of digits inside an event id (a UUID's hex) is not a phone number. */
    static final String ALONE_BEFORE = "(?<![0-9A-Fa-f-])";
    static final String ALONE_AFTER = "(?![0-9A-Fa-f-])";
    static final List<Pattern> PERSONAL = List.of(Pattern.compile(NAME),
            Pattern.compile(ALONE_BEFORE + "1[3-9]\\d{9}" + ALONE_AFTER),
            Pattern.compile(ALONE_BEFORE + "\\d{17}[\\dXx]" + ALONE_AFTER), Pattern.compile(ADDRESS),
            Pattern.compile("confused"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void personalDataSentByMistakeReachesNeitherTheDatabaseNorTheApiNorTheLog() throws Exception {
        TestDistrict d = new TestDistrict();
        String community = d.community(1);
        UUID resident = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("districtId", d.district);
        data.put("name", NAME);
        data.put("phone", PHONE);
        data.put("nationalId", ID_NUMBER);
        data.put("address", ADDRESS);
        TopicProbe.send("linli.resident.events", resident.toString(),
                TestEvents.resident("resident.registered.v1", resident, community, data));
        Map<String, Object> delivered = new LinkedHashMap<>();
        delivered.put("orderId", UUID.randomUUID().toString());
        delivered.put("dinerId", resident.toString());
        delivered.put("communityId", community);
        delivered.put("mealDate", TestDistrict.today().toString());
        delivered.put("welfareCheck", "CONCERN");
        delivered.put("note", NOTE);
        delivered.put("deliveredAt", java.time.OffsetDateTime.now().toString());
        delivered.put("price", Map.of("totalFen", 1500, "elderPaysFen", 700, "subsidyFen", 800, "sponsorFen", 0));
        TopicProbe.send("linli.canteen.events", resident.toString(), TestDistrict.event("/linli/canteen-service",
                "meal.delivered.v1", community, delivered));
        await().atMost(TestDistrict.PATIENCE).untilAsserted(() -> TestDistrict.as(d.officer())
                .get("/communities/{c}/figures", community).then().statusCode(200)
                .body("totals.'welfare.concerns'", equalTo(1)));

        List<String> api = List.of(
                TestDistrict.as(d.officer()).get("/districts/{d}", d.district).then().extract().asString(),
                TestDistrict.as(d.officer()).get("/communities/{c}/figures", community).then().extract().asString(),
                new String(TestDistrict.as(d.officer()).get("/districts/{d}/reports/monthly/{m}.csv", d.district,
                        java.time.YearMonth.from(TestDistrict.today()).toString()).then().extract().asByteArray(),
                        java.nio.charset.StandardCharsets.UTF_8));
        for (String answer : api) {
            assertClean("the API", answer);
        }
        assertEquals(0, rowsWithPersonalData(), "no table holds personal data");
        Path log = Path.of("target/quarkus.log");
        if (Files.exists(log)) {
            assertClean("the log", Files.readString(log));
        }
    }

    private static void assertClean(String where, String text) {
        for (Pattern pattern : PERSONAL) {
            assertTrue(!pattern.matcher(text).find(), where + " shows " + pattern);
        }
    }

    /** Every text column of every table of the read model, scanned for the patterns. */
    private long rowsWithPersonalData() throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_name, column_name from information_schema.columns "
                    + "where table_schema = 'dashboard' and data_type in ('text', 'character varying', 'jsonb')")) {
                while (r.next()) {
                    columns.add(new String[] { r.getString(1), r.getString(2) });
                }
            }
            assertTrue(columns.size() > 10, "the scan reads the dashboard's tables: " + columns.size());
            for (String[] column : columns) {
                try (ResultSet r = s.executeQuery("select " + column[1] + "::text from " + column[0]
                        + " where " + column[1] + " is not null")) {
                    while (r.next()) {
                        String value = r.getString(1);
                        if (PERSONAL.stream().anyMatch(p -> p.matcher(value).find())) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "personal data in " + found);
        return found.size();
    }
}
