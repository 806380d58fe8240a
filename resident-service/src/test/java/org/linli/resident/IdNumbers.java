package org.linli.resident;

import org.linli.resident.privacy.NationalIdNumber;

/** National ID numbers for tests: valid ones (right check character) and ones with a wrong check character. */
final class IdNumbers {

    private IdNumbers() {
    }

    static String valid(String first17) {
        return first17 + NationalIdNumber.checkCharacter(first17);
    }

    static String withWrongCheck(String first17) {
        char right = NationalIdNumber.checkCharacter(first17);
        return first17 + (right == '0' ? '1' : '0');
    }
}
