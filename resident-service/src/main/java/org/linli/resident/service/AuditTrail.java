package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.linli.platform.security.Acting;
import org.linli.resident.domain.AuditEntry;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Records who read a sensitive field or changed a record, in the same transaction as the read or change, and reads
 * the entries back to the community's staff (field names only, never their values).
 */
@ApplicationScoped
public class AuditTrail {

    public static final String READ_SENSITIVE = "READ_SENSITIVE";

    private final JsonWebToken token;
    private final ResidentScope scope;
    private final Clock clock;

    AuditTrail(JsonWebToken token, ResidentScope scope, Clock clock) {
        this.token = token;
        this.scope = scope;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String communityId, String subjectType, Object subjectId, String... fields) {
        record(new Acting(token.getSubject() == null ? "system" : token.getSubject(), null), action, communityId,
                subjectType, subjectId, fields);
    }

    /**
     * A read of personal data in full (phone, ID number, relatives' phones), with the reason the reader stated; the
     * reason is kept with the entry, never logged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revealed(String communityId, String subjectType, Object subjectId, String reason, String... fields) {
        entry(new Acting(token.getSubject() == null ? "system" : token.getSubject(), null), READ_SENSITIVE, communityId,
                subjectType, subjectId, fields).reason = reason;
    }

    /** As {@link #record(String, String, String, Object, String...)}, naming whose authority the actor used. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Acting acting, String action, String communityId, String subjectType, Object subjectId,
            String... fields) {
        entry(acting, action, communityId, subjectType, subjectId, fields);
    }

    private AuditEntry entry(Acting acting, String action, String communityId, String subjectType, Object subjectId,
            String... fields) {
        AuditEntry entry = new AuditEntry();
        entry.at = OffsetDateTime.now(clock);
        entry.actor = acting.actor() == null ? "system" : acting.actor();
        entry.actedFor = acting.actedFor();
        entry.actorRoles = token.getGroups() == null ? "" : String.join(",", new TreeSet<>(token.getGroups()));
        entry.communityId = communityId;
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = subjectId.toString();
        entry.fields = fields.length == 0 ? null : String.join(",", fields);
        entry.persist();
        return entry;
    }

    /** A page of the community's entries, newest first, optionally about one subject; 404 outside the caller's scope. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> entries(String communityCode, String subjectId, int page, int size) {
        scope.readableCommunity(communityCode);
        Sort newestFirst = Sort.descending("at").and("id", Sort.Direction.Descending);
        var query = subjectId == null
                ? AuditEntry.<AuditEntry>find("communityId", newestFirst, communityCode)
                : AuditEntry.<AuditEntry>find("communityId = ?1 and subjectId = ?2", newestFirst, communityCode, subjectId);
        return query.page(Page.of(page, size)).list();
    }
}
