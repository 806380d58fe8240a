package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.linli.resident.domain.AuditEntry;

/** Records who read a sensitive field or changed a record, in the same transaction as the read or change. */
@ApplicationScoped
public class AuditTrail {

    public static final String READ_SENSITIVE = "READ_SENSITIVE";

    private final JsonWebToken token;
    private final Clock clock;

    AuditTrail(JsonWebToken token, Clock clock) {
        this.token = token;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String communityId, String subjectType, Object subjectId, String... fields) {
        AuditEntry entry = new AuditEntry();
        entry.at = OffsetDateTime.now(clock);
        entry.actor = token.getSubject() == null ? "system" : token.getSubject();
        entry.actorRoles = token.getGroups() == null ? "" : String.join(",", new TreeSet<>(token.getGroups()));
        entry.communityId = communityId;
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = subjectId.toString();
        entry.fields = fields.length == 0 ? null : String.join(",", fields);
        entry.persist();
    }
}
