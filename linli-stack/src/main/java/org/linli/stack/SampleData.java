package org.linli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.linli.infra.DevTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A little of Changshan Garden (长山花园社区, Tuanshan subdistrict, Kuancheng district, Changchun), registered
 * through resident-service's public API: the organisation tree down to one unit, three households, five residents.
 */
public final class SampleData {

    public static final String DISTRICT = "kuancheng";
    public static final String COMMUNITY = "changshan-garden";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI residentService;

    /** What the sample holds, for the run command's greeting and for tests. */
    public record Seeded(List<String> residentIds, String msZhao, String householdId, String unitId) {
    }

    private SampleData(URI residentService) {
        this.residentService = residentService;
    }

    public static String worker() {
        return DevTokens.as("community-worker").community(COMMUNITY).subject("worker-han").mint();
    }

    public static String districtOfficer() {
        return DevTokens.as("district-officer").district(DISTRICT).subject("officer-kuancheng").mint();
    }

    /** Seeds the sample; if the district already exists (a persistent database), returns null and changes nothing. */
    public static Seeded seed(URI residentService) {
        return new SampleData(residentService).seed();
    }

    private Seeded seed() {
        String officer = districtOfficer();
        HttpResponse<String> district = post(officer, "/org-units", Map.of("kind", "DISTRICT", "code", DISTRICT, "name", "宽城区"));
        if (district.statusCode() == 409) {
            return null;
        }
        String districtId = id(district);
        String subdistrict = id(post(officer, "/org-units",
                Map.of("kind", "SUBDISTRICT", "parentId", districtId, "code", "tuanshan", "name", "团山街道")));
        String community = id(post(officer, "/org-units",
                Map.of("kind", "COMMUNITY", "parentId", subdistrict, "code", COMMUNITY, "name", "长山花园社区")));
        String worker = worker();
        String grid = id(post(worker, "/org-units", Map.of("kind", "GRID", "parentId", community, "name", "第一网格")));
        String building = id(post(worker, "/org-units", Map.of("kind", "BUILDING", "parentId", grid, "name", "3号楼")));
        String unit = id(post(worker, "/org-units", Map.of("kind", "UNIT", "parentId", building, "name", "2单元")));
        String households = "/communities/" + COMMUNITY + "/households";
        String door101 = id(post(worker, households, Map.of("unitId", unit, "doorNumber", "101")));
        String door501 = id(post(worker, households, Map.of("unitId", unit, "doorNumber", "501")));
        String door602 = id(post(worker, households, Map.of("unitId", unit, "doorNumber", "602")));

        String residents = "/communities/" + COMMUNITY + "/residents";
        List<String> ids = new ArrayList<>();
        // Ms Zhao, 76, lives alone after a stroke and cannot go downstairs: lunch is brought to her door
        String msZhao = id(post(worker, residents, resident("赵秀兰", "FEMALE", "1950-03-14", door501, "HEAD",
                Map.of("livesAlone", true, "housebound", true, "chronicIllness", true,
                        "dietaryNeeds", List.of("LOW_SALT", "SOFT_TEXTURE")))));
        ids.add(msZhao);
        // Mr Li, 73, and his wife visit Ms Zhao, five floors down, every morning and evening
        ids.add(id(post(worker, residents, resident("李建国", "MALE", "1953-06-02", door101, "HEAD", Map.of("partyMember", true)))));
        ids.add(id(post(worker, residents, resident("王淑芬", "FEMALE", "1955-11-20", door101, "SPOUSE", Map.of()))));
        ids.add(id(post(worker, residents, resident("孙德明", "MALE", "1941-01-09", door602, "HEAD",
                Map.of("livesAlone", true, "housebound", true, "lowIncome", true, "dietaryNeeds", List.of("LOW_SUGAR"))))));
        // a younger red-vest volunteer
        ids.add(id(post(worker, residents, resident("陈晓", "FEMALE", "1991-08-30", door602, "GRANDCHILD", Map.of()))));
        for (String elder : List.of(ids.get(0), ids.get(3))) {
            for (String purpose : List.of("CANTEEN", "CARE_ALERTS")) {
                id(post(worker, residents + "/" + elder + "/consents", Map.of("purpose", purpose)));
            }
        }
        id(post(worker, residents + "/" + msZhao + "/emergency-contacts",
                Map.of("name", "赵丽", "relationship", "daughter", "phone", "13600001111", "priority", 1)));
        return new Seeded(ids, msZhao, door501, unit);
    }

    private static Map<String, Object> resident(String name, String gender, String birthDate, String household,
            String relationship, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "gender", gender, "birthDate", birthDate,
                "householdId", household, "relationshipToHead", relationship, "movedInOn", "1990-05-01"));
        body.putAll(more);
        return body;
    }

    private HttpResponse<String> post(String token, String path, Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(residentService.resolve(path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach resident-service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String id(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("sample data rejected: " + response.statusCode() + " " + response.body());
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            return node.path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer: " + response.body(), e);
        }
    }
}
