package org.linli.resident.domain;

import java.util.Set;

/**
 * What a deliverer calls an elder at the door: the family name and 阿姨 or 叔叔 (王秀兰 → 王阿姨, 欧阳建国 → 欧阳叔叔).
 * A name not written in Han characters alone (阿依古丽·买买提, Anna Weber) or of one character is used as it is.
 */
public final class CallName {

    /** The compound family names still common; any other name's family name is its first character. */
    static final Set<String> COMPOUND_FAMILY_NAMES = Set.of("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙",
            "慕容", "长孙", "宇文", "司徒", "司空", "夏侯", "令狐", "端木", "澹台", "南宫", "西门", "呼延", "轩辕", "闻人",
            "万俟", "独孤", "钟离", "申屠", "太史", "赫连", "百里", "东郭", "第五");

    private CallName() {
    }

    public static String of(String name, Gender gender) {
        String full = name == null ? "" : name.strip();
        if (gender == null || full.codePointCount(0, full.length()) < 2 || !full.codePoints().allMatch(CallName::isHan)) {
            return full;
        }
        String familyName = full.length() >= 3 && COMPOUND_FAMILY_NAMES.contains(full.substring(0, 2))
                ? full.substring(0, 2)
                : full.substring(0, full.offsetByCodePoints(0, 1));
        return familyName + (gender == Gender.MALE ? "叔叔" : "阿姨");
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
