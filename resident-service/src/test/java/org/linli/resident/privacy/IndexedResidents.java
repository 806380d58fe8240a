package org.linli.resident.privacy;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.linli.infra.DevTokens;
import org.linli.resident.TestCommunity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Residents and their national ID blind index while the index key rotates from the development key (id 1) to
 * {@link #NEW_INDEX_KEY} (id 2): registered as a release before the rotation left them, looked up, re-indexed.
 */
record IndexedResidents(TestCommunity community, EntityManager em) {

    static final String NEW_INDEX_KEY = "Xb1mJ0QwqkE0n6m6sJ2mZ3xQy8r9jzA7H5m0cPq2Vw4="; // made up for these tests, id 2
    static final String OPERATOR = DevTokens.as("operator").subject("ops-wang").mint();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The service's index keys in a test: {@link #NEW_INDEX_KEY} current (id 2) and the development key (id 1) as the
     * previous one, mid-rotation; with the init arg {@code retired=true}, the new key alone, after the rotation.
     */
    public static class NewIndexKey implements QuarkusTestResourceLifecycleManager {
        private boolean retired;

        @Override
        public void init(Map<String, String> initArgs) {
            retired = Boolean.parseBoolean(initArgs.get("retired"));
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> keys = new HashMap<>(Map.of("linli.pii.blind-index-key", NEW_INDEX_KEY,
                    "linli.pii.blind-index-key-id", "2"));
            if (!retired) {
                keys.put("linli.pii.previous-blind-index-keys", "1:" + FixedPiiKeys.DEV_INDEX_KEY);
            }
            return keys;
        }

        @Override
        public void stop() {
        }
    }

    /** A valid national ID number nobody else has. */
    static String newIdNumber() {
        String born = LocalDate.of(1948, 1, 1).plusDays(RANDOM.nextInt(366)).format(DateTimeFormatter.BASIC_ISO_DATE);
        String first17 = "220103" + born + String.format("%03d", RANDOM.nextInt(1000));
        return first17 + NationalIdNumber.checkCharacter(first17);
    }

    /** Registers a resident, then leaves their index as the development key (id 1) computed it before the rotation. */
    String registeredBeforeTheRotation(String name, String idNumber) {
        String id = community.register("{\"name\":\"" + name + "\",\"gender\":\"FEMALE\",\"birthDate\":\"1948-05-02\","
                + "\"nationalId\":\"" + idNumber + "\"}");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update resident set national_id_hash = ?1, "
                + "national_id_index_key = 1 where id = ?2").setParameter(1, FixedPiiKeys.development().blindIndex(idNumber))
                .setParameter(2, UUID.fromString(id)).executeUpdate());
        return id;
    }

    /** POST /residents/lookup: 200 with the resident found, 404 otherwise. */
    ValidatableResponse lookup(String idNumber) {
        return given().auth().oauth2(community.worker()).contentType(ContentType.JSON).body(Map.of("nationalId", idNumber))
                .when().post("/communities/{c}/residents/lookup", community.code()).then();
    }

    /** Registering someone else with this ID number: refused (409) while anyone holds it. */
    ValidatableResponse registerAgain(String idNumber) {
        return given().auth().oauth2(community.worker()).contentType(ContentType.JSON)
                .body(community.inHousehold("{\"name\":\"钱伟\",\"gender\":\"MALE\",\"birthDate\":\"1951-01-09\","
                        + "\"nationalId\":\"" + idNumber + "\"}"))
                .when().post("/communities/{c}/residents", community.code()).then();
    }

    /** The operator re-indexes every resident they can (at most a million); the run's counts. */
    static Map<String, Object> reindex(String reason) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("reason", reason, "limit", 1_000_000))
                .when().post("/admin/pii/re-index").then().statusCode(200).extract().jsonPath().getMap("$");
    }

    /** The resident's stored index, the id of the key that computed it and the row version PostgreSQL gave it. */
    Stored stored(String residentId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select national_id_hash, national_id_index_key, xmin::text from resident where id = ?1")
                .setParameter(1, UUID.fromString(residentId)).getSingleResult());
        return new Stored((byte[]) row[0], ((Number) row[1]).intValue(), (String) row[2]);
    }

    record Stored(byte[] index, int keyId, String rowVersion) {
    }
}
