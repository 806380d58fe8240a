package org.linli.resident.privacy;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.linli.resident.TestCommunity;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The last step of a blind-index key rotation: the old index key (id 1) is no longer configured, only the new one (id
 * 2). A resident the operator re-indexed is found by their ID number and keeps it taken; one still indexed under the
 * old key is not, which is why the old key is removed only once re-indexing reports nothing remaining.
 */
@QuarkusTest
@WithTestResource(value = IndexedResidents.NewIndexKey.class, initArgs = @ResourceArg(name = "retired", value = "true"))
class BlindIndexKeyRetiredTest {

    @Inject
    EntityManager em;

    @Test
    void aResidentReindexedBeforeTheOldKeyWasRemovedIsStillFound() {
        IndexedResidents residents = new IndexedResidents(TestCommunity.create(), em);
        String number = IndexedResidents.newIdNumber();
        String her = residents.registeredBeforeTheRotation("周淑珍", number);
        residents.lookup(number).statusCode(404); // the old key removed too early: she is not found until re-indexed

        IndexedResidents.reindex("index key rotation: the residents left after the old key was removed");
        assertEquals(2, residents.stored(her).keyId());
        residents.lookup(number).statusCode(200).body("id", equalTo(her));
        residents.registerAgain(number).statusCode(409);
    }
}
