package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.AlertNotification;
import org.linli.resident.domain.EmergencyContact;
import org.linli.resident.domain.FamilyLink;
import org.linli.resident.domain.FamilyLinkStatus;
import org.linli.resident.domain.FamilyPurpose;
import org.linli.resident.domain.HeadAssignment;
import org.linli.resident.domain.HeadKind;
import org.linli.resident.domain.Resident;
import org.linli.resident.notification.NoticeRecipients;
import org.linli.resident.privacy.PhoneNumber;

/**
 * Who may say how a person is reached for care-alert notices (the channel rule itself is {@link NoticeRecipients}'):
 * an emergency contact's by those who manage the resident; a grid head's by a community worker or the grid head
 * herself; the duty desk's by a community worker; a family member's by that family member alone. Anything outside the caller's scope is 404.
 */
@ApplicationScoped
public class NoticePreferences {

    /** How a person is reached: language (zh, en), channels in order (wechat, sms, email), and their addresses. */
    public record Reach(String language, List<String> channels, String phone, String email, String wechatOpenId) {
    }

    private final ResidentScope scope;
    private final NoticeRecipients recipients;
    private final Clock clock;

    NoticePreferences(ResidentScope scope, NoticeRecipients recipients, Clock clock) {
        this.scope = scope;
        this.recipients = recipients;
        this.clock = clock;
    }

    @Transactional
    public void forContact(String communityCode, UUID residentId, UUID contactId, Reach reach) {
        recipients.set(AlertNotification.EMERGENCY_CONTACT, contact(communityCode, residentId, contactId).id.toString(),
                reach.language(), reach.channels(), reach.phone(), reach.email(), reach.wechatOpenId());
    }

    @Transactional
    public void forgetContact(String communityCode, UUID residentId, UUID contactId) {
        recipients.forget(AlertNotification.EMERGENCY_CONTACT, contact(communityCode, residentId, contactId).id.toString());
    }

    @Transactional
    public void forGridHead(String communityCode, UUID headId, Reach reach) {
        recipients.set(AlertNotification.GRID_HEAD, gridHead(communityCode, headId).toString(), reach.language(),
                reach.channels(), reach.phone(), reach.email(), reach.wechatOpenId());
    }

    @Transactional
    public void forgetGridHead(String communityCode, UUID headId) {
        recipients.forget(AlertNotification.GRID_HEAD, gridHead(communityCode, headId).toString());
    }

    @Transactional
    public void forDutyDesk(String communityCode, Reach reach) {
        scope.managedCommunity(communityCode, false);
        recipients.set(AlertNotification.DUTY_DESK, communityCode, reach.language(), reach.channels(), reach.phone(),
                reach.email(), reach.wechatOpenId());
    }

    @Transactional
    public void forgetDutyDesk(String communityCode) {
        scope.managedCommunity(communityCode, false);
        recipients.forget(AlertNotification.DUTY_DESK, communityCode);
    }

    /**
     * What a family member gave for being told of their parents' alerts, shown back to them masked (136****0011,
     * z***@example.com); {@code linked} says whether any of their links holds CARE_ALERTS today.
     */
    public record Mine(String language, List<String> channels, String phone, String email, boolean wechat, boolean linked) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Mine mine() {
        UUID member = member();
        boolean linked = FamilyLink.<FamilyLink>list("memberId = ?1 and status = ?2", member, FamilyLinkStatus.ACTIVE)
                .stream().anyMatch(link -> link.allows(FamilyPurpose.CARE_ALERTS, LocalDate.now(clock)));
        return recipients.given(AlertNotification.FAMILY_MEMBER, member.toString())
                .map(given -> new Mine(given.language(), given.channels(),
                        given.phone() == null ? null : PhoneNumber.mask(given.phone()), maskEmail(given.email()),
                        given.wechatOpenId() != null, linked))
                .orElse(new Mine("zh", List.of(), null, null, false, linked));
    }

    /** A family member says how they are told (only for themself: the token's subject). */
    @Transactional
    public void forMyself(Reach reach) {
        recipients.set(AlertNotification.FAMILY_MEMBER, member().toString(), reach.language(), reach.channels(),
                reach.phone(), reach.email(), reach.wechatOpenId());
    }

    @Transactional
    public void forgetMine() {
        recipients.forget(AlertNotification.FAMILY_MEMBER, member().toString());
    }

    private UUID member() {
        return scope.familyMember().orElseThrow(() -> new NotFoundProblem("Only a family member's own account has this"));
    }

    static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    private EmergencyContact contact(String communityCode, UUID residentId, UUID contactId) {
        Resident resident = scope.manageableResident(communityCode, residentId);
        return EmergencyContact.<EmergencyContact>find("id = ?1 and residentId = ?2 and removedAt is null", contactId,
                resident.id).firstResultOptional()
                .orElseThrow(() -> new NotFoundProblem("No emergency contact " + contactId + " of this resident"));
    }

    /** A current grid head of the community, changed by a community worker there or by herself. */
    private UUID gridHead(String communityCode, UUID headId) {
        boolean worker = scope.is(Roles.COMMUNITY_WORKER) && scope.worksAsStaffIn(communityCode);
        boolean herself = scope.is(Roles.GRID_HEAD) && scope.worksAsStaffIn(communityCode)
                && HeadAssignment.gridsHeadedBy(headId).size() > 0 && headId.toString().equals(scope.actor());
        boolean heads = HeadAssignment.count("communityId = ?1 and residentId = ?2 and kind = ?3 and endedAt is null",
                communityCode, headId, HeadKind.GRID_HEAD) > 0;
        if (!(worker || herself) || !heads) {
            throw new NotFoundProblem("No grid head " + headId + " in your scope");
        }
        return headId;
    }
}
