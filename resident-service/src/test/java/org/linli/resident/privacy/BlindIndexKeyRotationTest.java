package org.linli.resident.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.resident.TestCommunity;
import org.linli.resident.privacy.IndexedResidents.Stored;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The national ID blind-index key rotated without downtime: the service runs with a new index key (id 2) and the old
 * one (id 1, the development key) as a previous key. Residents indexed under the old key are found by their ID number
 * and their number stays taken before, during and after an operator re-indexes them, while a request holds one of them;
 * a second run changes nothing.
 */
@QuarkusTest
@WithTestResource(IndexedResidents.NewIndexKey.class)
class BlindIndexKeyRotationTest {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    PiiCipher cipher;

    @Test
    void aResidentIndexedUnderTheOldKeyIsFoundThroughoutTheRotation() throws Exception {
        IndexedResidents residents = new IndexedResidents(TestCommunity.create(), em);
        String ticket = "index key rotation, ticket OPS-" + UUID.randomUUID();
        String herNumber = IndexedResidents.newIdNumber();
        String hisNumber = IndexedResidents.newIdNumber();
        String her = residents.registeredBeforeTheRotation("孙桂芳", herNumber);
        String him = residents.registeredBeforeTheRotation("孙建国", hisNumber);
        assertEquals(1, residents.stored(her).keyId());

        // before: found under the old key, the number taken
        residents.lookup(herNumber).statusCode(200).body("id", equalTo(her));
        residents.lookup(hisNumber).statusCode(200).body("id", equalTo(him));
        residents.registerAgain(herNumber).statusCode(409);
        Map<String, Object> keys = indexKeys();
        assertEquals(2, keys.get("currentKeyId"));
        assertTrue(((Number) keys.get("notCurrent")).longValue() >= 2, keys.toString());

        // during: a request holds her row while the operator re-indexes; he is done, she waits, both are found
        Map<String, Object> firstRun;
        try (Connection request = dataSource.getConnection()) {
            request.setAutoCommit(false);
            try (PreparedStatement lock = request.prepareStatement("select id from resident where id = ?::uuid for update")) {
                lock.setString(1, her);
                lock.executeQuery();
            }
            firstRun = IndexedResidents.reindex(ticket);
            Stored heDuring = residents.stored(him);
            assertEquals(2, heDuring.keyId());
            assertArrayEquals(cipher.blindIndex(hisNumber), heDuring.index());
            assertEquals(1, residents.stored(her).keyId(), "the row a request held is left for the next run");
            residents.lookup(herNumber).statusCode(200).body("id", equalTo(her));
            residents.lookup(hisNumber).statusCode(200).body("id", equalTo(him));
            residents.registerAgain(herNumber).statusCode(409).body("detail", equalTo(
                    "A resident with this national ID number is already registered"));
            residents.registerAgain(hisNumber).statusCode(409);
            request.rollback();
        }
        assertTrue(((Number) firstRun.get("reindexed")).longValue() >= 1, firstRun.toString());
        assertTrue(((Number) firstRun.get("remaining")).longValue() >= 1, firstRun.toString());

        // after: both under the new key; only what no configured encryption key opens (other tests' residue) is left
        Map<String, Object> secondRun = IndexedResidents.reindex(ticket);
        assertEquals(secondRun.get("unreadable"), secondRun.get("remaining"), secondRun.toString());
        Stored herAfter = residents.stored(her);
        assertEquals(2, herAfter.keyId());
        assertArrayEquals(cipher.blindIndex(herNumber), herAfter.index());
        residents.lookup(herNumber).statusCode(200).body("id", equalTo(her));
        residents.lookup(hisNumber).statusCode(200).body("id", equalTo(him));
        residents.registerAgain(herNumber).statusCode(409);
        assertEquals(secondRun.get("remaining"), indexKeys().get("notCurrent"));

        // a second run changes nothing: no resident's row is written again
        Stored heAfter = residents.stored(him);
        Map<String, Object> thirdRun = IndexedResidents.reindex("checking the rotation is done");
        assertEquals(0, thirdRun.get("reindexed"), thirdRun.toString());
        assertEquals(secondRun.get("remaining"), thirdRun.get("remaining"));
        assertEquals(herAfter.rowVersion(), residents.stored(her).rowVersion());
        assertEquals(heAfter.rowVersion(), residents.stored(him).rowVersion());

        long audited = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from operator_action where action = 'pii.re-index' and operator = 'ops-wang' "
                        + "and reason = ?1").setParameter(1, ticket).getSingleResult()).longValue());
        assertEquals(2, audited);
    }

    @Test
    void aNewResidentIsIndexedUnderTheNewKeyAndTheirNumberIsTakenUnderIt() {
        IndexedResidents residents = new IndexedResidents(TestCommunity.create(), em);
        String number = IndexedResidents.newIdNumber();
        String id = residents.registerAgain(number).statusCode(201).extract().path("id");
        Stored stored = residents.stored(id);
        assertEquals(2, stored.keyId());
        assertArrayEquals(cipher.blindIndex(number), stored.index());
        residents.lookup(number).statusCode(200).body("id", equalTo(id));
        residents.registerAgain(number).statusCode(409);
    }

    @Test
    void aNumberRegisteredTwiceDuringTheRollGoesToTheDuplicatesAndDoesNotStopTheReindex() {
        IndexedResidents residents = new IndexedResidents(TestCommunity.create(), em);
        String number = IndexedResidents.newIdNumber();
        String her = residents.registeredBeforeTheRotation("周玉兰", number);
        String neighbour = residents.registeredBeforeTheRotation("周建华", IndexedResidents.newIdNumber());
        // a pod of the old release, looking up with the old key only, registered her number again under the new key
        String twin = residents.registerAgain(IndexedResidents.newIdNumber()).statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update resident set national_id_hash = ?1, "
                + "national_id_index_key = 2 where id = ?2").setParameter(1, cipher.blindIndex(number))
                .setParameter(2, UUID.fromString(twin)).executeUpdate());

        Map<String, Object> run = IndexedResidents.reindex("index key rotation after the roll");
        assertTrue(((Number) run.get("conflicting")).longValue() >= 1, run.toString());
        assertEquals(1, residents.stored(her).keyId(), "her index waits: the new one is taken by the twin");
        assertEquals(2, residents.stored(neighbour).keyId(), "the rest of the run went on");
        assertEquals(1L, openSuspects(her, twin), "the pair is opened as likely duplicates, once");
        IndexedResidents.reindex("index key rotation after the roll, again");
        assertEquals(1L, openSuspects(her, twin), "a second run opens no second suspect");

        // the worker merges the twin into her record; the next run re-indexes her
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update resident set status = 'MERGED', "
                + "merged_into = ?1 where id = ?2").setParameter(1, UUID.fromString(her))
                .setParameter(2, UUID.fromString(twin)).executeUpdate());
        IndexedResidents.reindex("index key rotation, after the merge");
        assertEquals(2, residents.stored(her).keyId());
        assertArrayEquals(cipher.blindIndex(number), residents.stored(her).index());
        residents.lookup(number).statusCode(200).body("id", equalTo(her));
    }

    private long openSuspects(String resident, String other) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from "
                + "duplicate_suspect where status = 'OPEN' and ((resident_id = ?1 and other_id = ?2) or (resident_id = ?2 "
                + "and other_id = ?1))").setParameter(1, UUID.fromString(resident)).setParameter(2, UUID.fromString(other))
                .getSingleResult()).longValue());
    }

    @Test
    void onlyAnOperatorReindexesAndSaysWhy() {
        String worker = TestCommunity.create().worker();
        given().auth().oauth2(worker).contentType(ContentType.JSON).body(Map.of("reason", "curious"))
                .when().post("/admin/pii/re-index").then().statusCode(403);
        given().auth().oauth2(worker).when().get("/admin/pii/index-keys").then().statusCode(403);
        given().auth().oauth2(IndexedResidents.OPERATOR).contentType(ContentType.JSON).body(Map.of("limit", 10))
                .when().post("/admin/pii/re-index").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static Map<String, Object> indexKeys() {
        return given().auth().oauth2(IndexedResidents.OPERATOR).when().get("/admin/pii/index-keys").then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }
}
