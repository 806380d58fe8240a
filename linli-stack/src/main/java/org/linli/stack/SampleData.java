package org.linli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.linli.infra.DevTokens;

/** A little of Changshan Garden (长山花园社区), registered through resident-service's public API. */
final class SampleData {

    static final String COMMUNITY = "changshan-garden";

    private static final List<String> RESIDENTS = List.of(
            // Ms Zhao, 76, lives alone after a stroke and cannot go downstairs: lunch is brought to her door
            """
            {"name":"赵秀兰","gender":"FEMALE","birthDate":"1950-03-14","livesAlone":true,"housebound":true,
             "chronicIllness":true,"dietaryNeeds":["LOW_SALT","SOFT_TEXTURE"]}""",
            // Mr Li, 73, and his wife visit a neighbour five floors down every morning and evening
            """
            {"name":"李建国","gender":"MALE","birthDate":"1953-06-02"}""",
            """
            {"name":"王淑芬","gender":"FEMALE","birthDate":"1955-11-20"}""",
            """
            {"name":"孙德明","gender":"MALE","birthDate":"1941-01-09","livesAlone":true,"housebound":true,
             "lowIncome":true,"dietaryNeeds":["LOW_SUGAR"]}""",
            // a younger red-vest volunteer
            """
            {"name":"陈晓","gender":"FEMALE","birthDate":"1991-08-30"}""");

    private SampleData() {
    }

    /** Registers the sample residents and returns their ids. */
    static List<String> register(URI residentService) {
        HttpClient http = HttpClient.newHttpClient();
        String token = DevTokens.as("community-worker").community(COMMUNITY).subject("worker-han").mint();
        List<String> ids = new ArrayList<>();
        for (String body : RESIDENTS) {
            HttpRequest request = HttpRequest.newBuilder(residentService.resolve("/communities/" + COMMUNITY + "/residents"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("sample resident rejected: " + response.statusCode() + " " + response.body());
                }
                ids.add(response.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach resident-service", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }
}
