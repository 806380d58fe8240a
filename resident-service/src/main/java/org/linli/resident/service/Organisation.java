package org.linli.resident.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Caller;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.OrgUnitKind;
import org.linli.resident.events.OrgUnitEvents;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * The organisation tree. District officers build their district down to communities; community workers build
 * their community's grids, buildings and units.
 */
@ApplicationScoped
@Transactional
public class Organisation {

    private final Caller caller;
    private final AuditTrail audit;
    private final Clock clock;
    private final Outbox outbox;

    Organisation(Caller caller, AuditTrail audit, Clock clock, Outbox outbox) {
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
        this.outbox = outbox;
    }

    public record NewUnit(OrgUnitKind kind, UUID parentId, String code, String name) {
    }

    public OrgUnit create(NewUnit request) {
        if (request.kind() != OrgUnitKind.DISTRICT && request.parentId() == null) {
            throw new InvalidRequestProblem("parentId", "a " + request.kind() + " sits under a parent unit; say which");
        }
        if (request.kind().hasCode() && request.code() == null) {
            throw new InvalidRequestProblem("code", "a " + request.kind() + " needs a code (used in URLs and tokens)");
        }
        OrgUnit parent = null;
        if (request.kind() == OrgUnitKind.DISTRICT) {
            if (request.parentId() != null) {
                throw new ConflictProblem("A district has no parent");
            }
        } else {
            parent = visible(request.parentId());
            if (parent.kind != request.kind().parent()) {
                throw new ConflictProblem("A " + request.kind() + " belongs under a " + request.kind().parent()
                        + ", not under a " + parent.kind);
            }
        }
        String district = request.kind() == OrgUnitKind.DISTRICT ? request.code() : parent.districtCode;
        String community = request.kind() == OrgUnitKind.COMMUNITY ? request.code()
                : parent == null ? null : parent.communityCode;
        requireManager(request.kind(), district, community);
        if (request.kind().hasCode() && OrgUnit.byCode(request.kind(), request.code()).isPresent()) {
            throw new ConflictProblem("The code " + request.code() + " is taken by another " + request.kind());
        }
        OrgUnit unit = new OrgUnit();
        unit.id = UUID.randomUUID();
        unit.kind = request.kind();
        unit.parentId = parent == null ? null : parent.id;
        unit.code = request.kind().hasCode() ? request.code() : null;
        unit.name = request.name().strip();
        unit.districtCode = district;
        unit.communityCode = community;
        unit.createdAt = OffsetDateTime.now(clock);
        unit.persist();
        audit.record("CREATE", community, "org-unit", unit.id);
        if (OrgUnitEvents.published(unit.kind)) {
            outbox.publish(OrgUnitEvents.changed(unit));
        }
        return unit;
    }

    public OrgUnit rename(UUID id, String name) {
        OrgUnit unit = visible(id);
        requireManager(unit.kind, unit.districtCode, unit.communityCode);
        unit.name = name.strip();
        audit.record("UPDATE", unit.communityCode, "org-unit", unit.id, "name");
        if (OrgUnitEvents.published(unit.kind)) {
            outbox.publish(OrgUnitEvents.changed(unit));
        }
        return unit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OrgUnit visible(UUID id) {
        return OrgUnit.<OrgUnit>findByIdOptional(id).filter(this::canSee)
                .orElseThrow(() -> new NotFoundProblem("No organisation unit " + id + " in your scope"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<OrgUnit> byCode(OrgUnitKind kind, String code) {
        return OrgUnit.byCode(kind, code).filter(this::canSee);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OrgUnit> children(UUID id, int page, int size) {
        OrgUnit parent = visible(id);
        return OrgUnit.<OrgUnit>find("parentId", Sort.by("name"), parent.id).page(Page.of(page, size)).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countChildren(UUID id) {
        return OrgUnit.count("parentId", id);
    }

    private boolean canSee(OrgUnit unit) {
        if (caller.is(Roles.DISTRICT_OFFICER) && caller.district().filter(d -> d.equals(unit.districtCode)).isPresent()) {
            return true;
        }
        return unit.communityCode != null && caller.worksIn(unit.communityCode)
                && (caller.is(Roles.COMMUNITY_WORKER) || caller.is(Roles.GRID_HEAD));
    }

    private void requireManager(OrgUnitKind kind, String district, String community) {
        boolean allowed = kind.aboveCommunity()
                ? caller.is(Roles.DISTRICT_OFFICER) && district != null && caller.district().filter(district::equals).isPresent()
                : caller.is(Roles.COMMUNITY_WORKER) && community != null && caller.worksIn(community);
        if (!allowed) {
            throw new ForbiddenProblem(kind.aboveCommunity()
                    ? "Districts, subdistricts and communities are managed by the district's officers"
                    : "Grids, buildings and units are managed by their community's workers");
        }
    }
}
