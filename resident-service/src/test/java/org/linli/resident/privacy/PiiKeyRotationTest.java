package org.linli.resident.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.infra.DevTokens;
import org.linli.resident.TestCommunity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The personal-data key rotated without downtime: the service runs with a new key (id 2) and still opens values sealed
 * with the old one (id 1, the development key, in both the format before key ids and the current one); an operator
 * re-seals them through the API while the service keeps answering, and what they hold is unchanged.
 */
@QuarkusTest
@WithTestResource(PiiKeyRotationTest.RotatedKey.class)
class PiiKeyRotationTest {

    static final String OLD_KEY = FixedPiiKeys.DEV_ENCRYPTION_KEY; // id 1
    static final String NEW_KEY = "cZWnQKBC+W9JzjgA9a+C7fdP6do9DWTIogU1C7V1Gos="; // made up for this test, id 2

    /** The service as it runs mid-rotation: the new key seals, the old one still opens. */
    public static class RotatedKey implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("linli.pii.encryption-key", NEW_KEY, "linli.pii.encryption-key-id", "2",
                    "linli.pii.previous-encryption-keys", "1:" + OLD_KEY);
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    PiiCipher cipher;

    @Inject
    EntityManager em;

    static PiiCipher oldCipher() {
        return FixedPiiKeys.development();
    }

    /** A value as the service sealed it before values named their key: [1][nonce][ciphertext+tag], AAD [1]. */
    static byte[] formatOne(String plain) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(OLD_KEY), "AES"),
                new GCMParameterSpec(128, nonce));
        aes.updateAAD(new byte[] { 1 });
        byte[] sealed = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + 12 + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
    }

    Object[] stored(String residentId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select national_id_cipher, phone_cipher from resident where id = ?1")
                .setParameter(1, UUID.fromString(residentId)).getSingleResult());
    }

    @Test
    void valuesSealedWithTheOldKeyStillOpenAndAreResealedWithTheNewOneByAnOperatorWhileTheServiceRuns() throws Exception {
        TestCommunity community = TestCommunity.create();
        String first17 = "22010319500314" + String.format("%03d", new SecureRandom().nextInt(1000));
        String idNumber = first17 + NationalIdNumber.checkCharacter(first17);
        String id = community.register("{\"name\":\"赵秀兰\",\"gender\":\"FEMALE\",\"birthDate\":\"1950-03-14\","
                + "\"nationalId\":\"" + idNumber + "\",\"phone\":\"13512345678\"}");
        assertEquals(2, PiiCipher.keyIdOf((byte[]) stored(id)[1]), "a new value is sealed with the current key");

        // her values as an older release left them: the phone before key ids, the ID number under key 1
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                em.createNativeQuery("update resident set phone_cipher = ?1, national_id_cipher = ?2 where id = ?3")
                        .setParameter(1, formatOne("13512345678")).setParameter(2, oldCipher().encrypt(idNumber))
                        .setParameter(3, UUID.fromString(id)).executeUpdate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // and one value sealed with a key this deployment no longer has (key 9): counted, never crashes the run
        String stray = "stray-" + UUID.randomUUID();
        byte[] unknown = new byte[40];
        unknown[0] = 2;
        unknown[1] = 9;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into notice_recipient (recipient_kind, "
                + "recipient_ref, language, email_cipher, updated_at) values ('DUTY_DESK', ?1, 'zh', ?2, now())").setParameter(1, stray)
                .setParameter(2, unknown).executeUpdate());
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(unknown));

        // the service still reads her through the old key
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}?reveal=phone&reveal=nationalId&reason={r}", community.code(), id,
                        "checking the key rotation")
                .then().statusCode(200).body("phone", equalTo("13512345678")).body("nationalId", equalTo(idNumber));

        String operator = DevTokens.as("operator").subject("ops-wang").mint();
        given().auth().oauth2(community.worker()).when().get("/admin/pii/keys").then().statusCode(403);
        Map<String, Object> before = given().auth().oauth2(operator).when().get("/admin/pii/keys").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertEquals(2, before.get("currentKeyId"));
        assertTrue(((Number) before.get("notCurrent")).longValue() >= 3, before.toString());

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("limit", 10))
                .when().post("/admin/pii/re-encrypt").then().statusCode(400); // no reason given
        Map<String, Object> run = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("reason", "yearly key rotation, ticket OPS-42", "limit", 1_000_000))
                .when().post("/admin/pii/re-encrypt").then().statusCode(200).extract().jsonPath().getMap("$");
        assertTrue(((Number) run.get("resealed")).longValue() >= 1, run.toString());
        assertEquals(1, ((Number) run.get("remaining")).intValue(), "only the value no key opens: " + run);
        assertEquals(1, ((Number) run.get("unreadable")).intValue(), run.toString());

        Object[] after = stored(id);
        assertArrayEquals(new byte[] { 2, 2 }, Arrays.copyOf((byte[]) after[0], 2));
        assertArrayEquals(new byte[] { 2, 2 }, Arrays.copyOf((byte[]) after[1], 2));
        assertEquals(idNumber, cipher.decrypt((byte[]) after[0]));
        assertEquals("13512345678", cipher.decrypt((byte[]) after[1]));
        given().auth().oauth2(community.worker())
                .when().get("/communities/{c}/residents/{id}?reveal=phone&reason={r}", community.code(), id,
                        "checking the key rotation")
                .then().statusCode(200).body("phone", equalTo("13512345678"));
        // the blind index did not change with the key: she is still found by her ID number
        assertArrayEquals(oldCipher().blindIndex(idNumber), cipher.blindIndex(idNumber));

        long audited = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from operator_action where action = 'pii.re-encrypt' and operator = 'ops-wang' "
                        + "and reason = 'yearly key rotation, ticket OPS-42'").getSingleResult()).longValue());
        assertEquals(1, audited);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from notice_recipient where recipient_ref = ?1")
                .setParameter(1, stray).executeUpdate());
    }
}
