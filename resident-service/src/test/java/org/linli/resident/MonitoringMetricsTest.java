package org.linli.resident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.linli.infra.TopicProbe;
import org.linli.resident.domain.CareAlert;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What Prometheus scrapes from /q/metrics: the names the alert rules and the Grafana dashboard use
 * (deploy/checks/exposed-metrics.txt, which deploy/check.sh compares with the rules and the dashboard) really exist,
 * and the figures the care and dead-letter alerts read move when care alerts and dead letters do.
 */
@QuarkusTest
class MonitoringMetricsTest {

    static final Path EXPOSED = Path.of("../deploy/checks/exposed-metrics.txt");

    @Test
    void everyMetricTheRulesAndTheDashboardNameFromAServiceIsExposed() throws IOException {
        List<String> listed = serviceMetrics();
        assertTrue(listed.size() > 10, "the list names the service metrics the monitoring uses: " + listed);
        // requests to the service's own API (the server's request meters), an open care alert (the per-community care
        // figures have a series per community with open alerts); the consumers' Kafka metrics appear once they fetch
        raiseAlert();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> exposed = scrape().keySet().stream().map(MonitoringMetricsTest::name)
                    .collect(TreeSet::new, Set::add, Set::addAll);
            // what was exposed, to pick names from when the rules or the dashboard need another one
            Files.write(Path.of("target/q-metrics-names.txt"), exposed);
            List<String> missing = listed.stream().filter(n -> !exposed.contains(n)).toList();
            assertEquals(List.of(), missing, "listed in " + EXPOSED + " but not exposed at /q/metrics");
        });
    }

    /** A missed delivery raises a care alert for Ms Zhao in a new community; returns her circle and the alert's id. */
    static Map.Entry<CareAlertTest.Circle, String> raiseAlert() {
        CareAlertTest.Circle circle = CareAlertTest.circle();
        String order = UUID.randomUUID().toString();
        TopicProbe.send(CareAlertTest.CANTEEN_TOPIC, order,
                CareAlertTest.missed(UUID.randomUUID().toString(), order, circle.msZhao(), circle.community().code()));
        return Map.entry(circle, await().atMost(Duration.ofSeconds(30)).until(() -> alertFor(circle.msZhao()), a -> a != null));
    }

    @Test
    void careAlertsUnacknowledgedPastEscalationAreCountedPerCommunityUntilSomeoneTakesThemOn() {
        Map.Entry<CareAlertTest.Circle, String> raised = raiseAlert();
        CareAlertTest.Circle circle = raised.getKey();
        String alertId = raised.getValue();
        String code = circle.community().code();
        String community = "{community=\"" + code + "\"}";
        // raised: open, not yet past its escalation time (5 s in tests)
        await().atMost(Duration.ofSeconds(10)).until(() -> value("linli_care_alerts_open" + community), v -> v.orElse(0) == 1);
        // nobody acknowledges: past the escalation time it is counted (escalated to the duty desk, still unacknowledged)
        await().atMost(Duration.ofSeconds(30)).until(
                () -> value("linli_care_alerts_unacknowledged_past_escalation" + community), v -> v.orElse(0) == 1);
        given().auth().oauth2(circle.community().gridHead(circle.gridHead())).contentType(ContentType.JSON)
                .body(Map.of("note", "on my way")).when().post("/communities/{c}/care-alerts/{id}/acknowledge", code, alertId)
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        await().atMost(Duration.ofSeconds(10)).until(
                () -> value("linli_care_alerts_unacknowledged_past_escalation" + community), v -> v.orElse(-1) == 0);
        assertEquals(1.0, value("linli_care_alerts_open" + community).orElse(-1), "acknowledged, not resolved: still open");
    }

    @Test
    void theEscalationJobSaysWhenItLastRan() {
        // it runs every second in tests; Prometheus alerts when no instance ran it for 5 minutes
        double first = value("linli_care_escalation_last_success_seconds").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            double last = value("linli_care_escalation_last_success_seconds").orElseThrow();
            double now = System.currentTimeMillis() / 1000.0;
            assertTrue(last > first, "the job ran again");
            assertTrue(now - last < 5 && now - last > -1, "last run " + (now - last) + " s ago");
        });
    }

    @Test
    void aRecordTheConsumersCannotHandleShowsInTheDeadLetterFigures() {
        String written = "linli_dead_letters_written_total{topic=\"linli.resident-service.dlq\"}";
        String undecided = "linli_dead_letters_undecided{topic=\"linli.resident-service.dlq\"}";
        double before = await().atMost(Duration.ofSeconds(30)).until(() -> value(written), OptionalDouble::isPresent)
                .getAsDouble();
        double undecidedBefore = value(undecided).orElseThrow();
        String poisonKey = "poison-" + UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.tail("linli.resident-service.dlq")) {
            TopicProbe.sendRaw(CareAlertTest.CANTEEN_TOPIC, poisonKey, "this is not an event {");
            deadLetters.await(r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> value(written).orElse(0) >= before + 1);
        assertTrue(value(undecided).orElseThrow() >= undecidedBefore + 1, "the new dead letter waits for an operator");
        assertTrue(value("linli_outbox_waiting_events").isPresent() && value("linli_outbox_parked_events").isPresent());
    }

    /** The service metrics of deploy/checks/exposed-metrics.txt: the lines before the section of the cluster's metrics. */
    static List<String> serviceMetrics() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(EXPOSED)) {
            if (line.startsWith("# provided by")) {
                break;
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.trim());
            }
        }
        return names;
    }

    /** Every sample of /q/metrics: "name{labels}" (or "name") to its value. */
    static Map<String, Double> scrape() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    static String name(String sample) {
        int brace = sample.indexOf('{');
        return brace < 0 ? sample : sample.substring(0, brace);
    }

    /**
     * The value of the sample {@code name{label="value",...}} whose labels include the given ones (all of the name's
     * samples summed when several match); empty when none does.
     */
    static OptionalDouble value(String selector) {
        String wanted = name(selector);
        List<String> labels = selector.contains("{")
                ? List.of(selector.substring(selector.indexOf('{') + 1, selector.length() - 1).split(","))
                : List.of();
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> sample : scrape().entrySet()) {
            if (name(sample.getKey()).equals(wanted) && labels.stream().allMatch(sample.getKey()::contains)) {
                sum += sample.getValue();
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static String alertFor(String residentId) {
        return QuarkusTransaction.requiringNew().call(() -> CareAlert.<CareAlert>find("residentId", UUID.fromString(residentId))
                .firstResultOptional().map(a -> a.id.toString()).orElse(null));
    }
}
