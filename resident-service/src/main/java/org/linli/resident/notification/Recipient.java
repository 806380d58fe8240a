package org.linli.resident.notification;

import java.util.List;

/**
 * Where one person can be reached, for a channel's eyes only: never logged (toString names the reference only), never
 * stored with the notice.
 *
 * @param kind EMERGENCY_CONTACT, GRID_HEAD or DUTY_DESK
 * @param ref the contact id, resident id or community
 * @param phone a mainland mobile number, or null
 * @param email an e-mail address, or null
 * @param wechatOpenId the person's openid for the Linli mini program, or null
 * @param language zh or en
 * @param preferred the channels the person asked for, in order; empty: the deployment's order
 */
public record Recipient(String kind, String ref, String phone, String email, String wechatOpenId, String language,
        List<String> preferred) {

    @Override
    public String toString() {
        return "Recipient[" + kind + ":" + ref + "]";
    }
}
