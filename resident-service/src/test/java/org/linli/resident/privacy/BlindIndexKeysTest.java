package org.linli.resident.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The blind-index keys as configured: the current one indexes, previous ones still find, mistakes stop the start. */
class BlindIndexKeysTest {

    static PiiCipher withIndexKeys(int currentId, String... previous) {
        return new PiiCipher(new FixedPiiKeys(FixedPiiKeys.DEV_ENCRYPTION_KEY, 1, Optional.empty(),
                IndexedResidents.NEW_INDEX_KEY, currentId, Optional.of(List.of(previous))));
    }

    @Test
    void aNumberIsIndexedWithTheCurrentKeyAndLookedUpUnderEveryConfiguredKey() {
        String number = "11010519491231002X";
        PiiCipher rotating = withIndexKeys(2, "1:" + FixedPiiKeys.DEV_INDEX_KEY);
        List<byte[]> indexes = rotating.blindIndexes(number.toLowerCase());
        assertEquals(2, indexes.size());
        assertArrayEquals(rotating.blindIndex(number), indexes.get(0), "the current key's first");
        assertArrayEquals(FixedPiiKeys.development().blindIndex(number), indexes.get(1));
        assertEquals(2, rotating.currentIndexKeyId());
        assertEquals(1, FixedPiiKeys.development().blindIndexes(number).size(), "no rotation: one index");
        assertEquals(List.of(), rotating.blindIndexes(null));
    }

    @Test
    void aPreviousIndexKeyMustHaveAnotherIdAndBeAKey() {
        assertEquals("linli.pii.previous-blind-index-keys: id 2 is the current key's or outside 1-255",
                assertThrows(IllegalStateException.class, () -> withIndexKeys(2, "2:" + FixedPiiKeys.DEV_INDEX_KEY))
                        .getMessage());
        assertEquals("linli.pii.previous-blind-index-keys: each entry is id:base64",
                assertThrows(IllegalStateException.class, () -> withIndexKeys(2, FixedPiiKeys.DEV_INDEX_KEY)).getMessage());
        assertThrows(IllegalStateException.class, () -> withIndexKeys(2, "1:c2hvcnQ="));
        assertEquals("linli.pii.blind-index-key-id must be 1-255",
                assertThrows(IllegalStateException.class, () -> withIndexKeys(256)).getMessage());
    }
}
