package org.linli.resident.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.ForbiddenProblem;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.platform.security.Roles;
import org.linli.resident.domain.AgeBand;
import org.linli.resident.domain.DietaryNeed;
import org.linli.resident.domain.DuplicateSuspect;
import org.linli.resident.domain.Gender;
import org.linli.resident.domain.Household;
import org.linli.resident.domain.OrgUnit;
import org.linli.resident.domain.Relationship;
import org.linli.resident.domain.Residency;
import org.linli.resident.domain.Resident;
import org.linli.resident.domain.ResidentStatus;
import org.linli.resident.events.ResidentEvents;
import org.linli.resident.privacy.NationalIdNumber;
import org.linli.resident.privacy.PhoneNumber;
import org.linli.resident.privacy.PiiCipher;

import io.quarkus.logging.Log;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * The registry of residents: registration with duplicate protection, changes, moves and moving out (never a
 * delete), search. Every change is audited and leaves through the outbox in the same transaction.
 */
@ApplicationScoped
@Transactional
public class ResidentRegistry {

    private final Outbox outbox;
    private final PiiCipher pii;
    private final ResidentScope scope;
    private final AuditTrail audit;
    private final Clock clock;

    ResidentRegistry(Outbox outbox, PiiCipher pii, ResidentScope scope, AuditTrail audit, Clock clock) {
        this.outbox = outbox;
        this.pii = pii;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public record Registration(String name, Gender gender, LocalDate birthDate, UUID householdId,
            Relationship relationshipToHead, LocalDate movedInOn, String nationalId, String phone, boolean livesAlone,
            boolean housebound,
            boolean chronicIllness, boolean lowIncome, boolean partyMember, Set<DietaryNeed> dietaryNeeds) {
    }

    /** What a worker may change; null leaves a value as it is. */
    public record Changes(String name, String phone, Boolean livesAlone, Boolean housebound, Boolean chronicIllness,
            Boolean lowIncome, Boolean partyMember, Set<DietaryNeed> dietaryNeeds) {
    }

    public record Filter(String name, UUID gridId, UUID buildingId, UUID unitId, AgeBand ageBand, Set<String> flags,
            boolean includeMovedOut) {
    }

    public Resident register(String communityCode, Registration registration) {
        OrgUnit community = scope.managedCommunity(communityCode, true);
        Household household = registration.householdId() == null ? null : household(communityCode, registration.householdId());
        if (household == null && scope.gridRestriction().isPresent()) {
            throw new ConflictProblem("A grid head registers residents into a household of their grid");
        }
        List<byte[]> idIndexes = pii.blindIndexes(registration.nationalId());
        if (!idIndexes.isEmpty() && registeredAs(idIndexes).count() > 0) {
            throw new ConflictProblem("A resident with this national ID number is already registered");
        }
        Resident resident = new Resident();
        resident.id = UUID.randomUUID();
        resident.communityId = community.code;
        resident.districtId = community.districtCode;
        resident.name = registration.name().strip();
        resident.gender = registration.gender();
        resident.birthDate = registration.birthDate();
        resident.livesIn(household);
        resident.relationshipToHead = household == null ? null : registration.relationshipToHead();
        if (registration.nationalId() != null) {
            String nationalId = NationalIdNumber.normalise(registration.nationalId());
            resident.nationalIdCipher = pii.encrypt(nationalId);
            resident.nationalIdMasked = NationalIdNumber.mask(nationalId);
        }
        resident.nationalIdHash = pii.blindIndex(registration.nationalId());
        resident.nationalIdIndexKey = resident.nationalIdHash == null ? null : pii.currentIndexKeyId();
        setPhone(resident, registration.phone());
        resident.livesAlone = registration.livesAlone();
        resident.housebound = registration.housebound();
        resident.chronicIllness = registration.chronicIllness();
        resident.lowIncome = registration.lowIncome();
        resident.partyMember = registration.partyMember();
        resident.dietaryNeeds(registration.dietaryNeeds());
        resident.registeredAt = OffsetDateTime.now(clock);
        resident.persist();
        openResidency(resident, household, registration.relationshipToHead(),
                registration.movedInOn() == null ? today() : registration.movedInOn(), null);
        flagLikelyDuplicates(resident, idIndexes);
        audit.record("CREATE", community.code, "resident", resident.id);
        outbox.publish(ResidentEvents.registered(resident, today()));
        Log.infof("Resident %s registered in community %s", resident.id, community.code);
        return resident;
    }

    public Resident change(String communityCode, UUID residentId, Changes changes) {
        Resident resident = active(scope.manageableResident(communityCode, residentId));
        ResidentEvents.ResidentSnapshot before = ResidentEvents.snapshot(resident, today());
        List<String> changed = new ArrayList<>();
        if (changes.name() != null && !changes.name().strip().equals(resident.name)) {
            resident.name = changes.name().strip();
            changed.add("name");
        }
        if (changes.phone() != null) {
            setPhone(resident, changes.phone());
            changed.add("phone");
        }
        changed.addAll(flag(changes.livesAlone(), resident.livesAlone, v -> resident.livesAlone = v, "livesAlone"));
        changed.addAll(flag(changes.housebound(), resident.housebound, v -> resident.housebound = v, "housebound"));
        changed.addAll(flag(changes.chronicIllness(), resident.chronicIllness, v -> resident.chronicIllness = v, "chronicIllness"));
        changed.addAll(flag(changes.lowIncome(), resident.lowIncome, v -> resident.lowIncome = v, "lowIncome"));
        changed.addAll(flag(changes.partyMember(), resident.partyMember, v -> resident.partyMember = v, "partyMember"));
        if (changes.dietaryNeeds() != null && !changes.dietaryNeeds().equals(resident.dietaryNeeds())) {
            resident.dietaryNeeds(changes.dietaryNeeds());
            changed.add("dietaryNeeds");
        }
        if (!changed.isEmpty()) {
            audit.record("UPDATE", communityCode, "resident", resident.id, changed.toArray(String[]::new));
            publishIfChanged(resident, before);
        }
        return resident;
    }

    public Resident move(String communityCode, UUID residentId, UUID householdId, Relationship relationship, LocalDate on) {
        Resident resident = active(scope.manageableResident(communityCode, residentId));
        Household household = household(communityCode, householdId);
        if (household.id.equals(resident.householdId)) {
            throw new ConflictProblem("The resident already lives in this household");
        }
        ResidentEvents.ResidentSnapshot before = ResidentEvents.snapshot(resident, today());
        closeResidency(resident, on, "moved within the community");
        resident.livesIn(household);
        resident.relationshipToHead = relationship;
        openResidency(resident, household, relationship, on, null);
        audit.record("MOVE", communityCode, "resident", resident.id, "household");
        publishIfChanged(resident, before);
        return resident;
    }

    public Resident moveOut(String communityCode, UUID residentId, LocalDate on, String reason) {
        Resident resident = active(scope.manageableResident(communityCode, residentId));
        closeResidency(resident, on, reason);
        resident.status = ResidentStatus.MOVED_OUT;
        resident.movedOutOn = on;
        org.linli.resident.domain.HeadAssignment.endRolesOf(resident.id, OffsetDateTime.now(clock));
        audit.record("MOVE_OUT", communityCode, "resident", resident.id);
        outbox.publish(ResidentEvents.movedOut(resident));
        return resident;
    }

    /** Publishes resident.updated.v1 if what consumers know about the resident changed. */
    public void publishIfChanged(Resident resident, ResidentEvents.ResidentSnapshot before) {
        if (!before.equals(ResidentEvents.snapshot(resident, today()))) {
            outbox.publish(ResidentEvents.updated(resident, today()));
        }
    }

    /** A resident the caller may see, to read (loaded read-only: changes to it are not saved); 404 otherwise. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Resident visible(String communityCode, UUID residentId) {
        return scope.readableResident(communityCode, residentId);
    }

    /**
     * The decrypted values of the sensitive fields asked for ({@code phone}, {@code nationalId}); every such read is
     * audited. The phone is revealed to the resident themself, a community worker and the grid head who manage them;
     * the national ID number to the resident and a community worker only. Asking for a field the caller may not see
     * is refused as a whole (403), and nothing is decrypted.
     */
    public Map<String, String> reveal(Resident resident, Set<String> fields, String reason) {
        boolean self = scope.is(Roles.RESIDENT) && resident.id.toString().equals(scope.actor());
        boolean worker = scope.is(Roles.COMMUNITY_WORKER) && scope.canManage(resident);
        boolean gridHead = scope.is(Roles.GRID_HEAD) && scope.canManage(resident);
        if (fields.contains("phone") && !(self || worker || gridHead)) {
            throw new ForbiddenProblem("The phone is revealed only to the resident, their community worker and grid head");
        }
        if (fields.contains("nationalId") && !(self || worker)) {
            throw new ForbiddenProblem("The national ID number is revealed only to the resident and their community worker");
        }
        if (!self && (reason == null || reason.isBlank())) {
            throw new InvalidRequestProblem("reason", "say why you need to see it in full; the reason is kept in the audit trail");
        }
        Map<String, String> values = new HashMap<>();
        List<String> read = new ArrayList<>();
        if (fields.contains("phone") && resident.phoneCipher != null) {
            values.put("phone", pii.decrypt(resident.phoneCipher));
            read.add("phone");
        }
        if (fields.contains("nationalId") && resident.nationalIdCipher != null) {
            values.put("nationalId", pii.decrypt(resident.nationalIdCipher));
            read.add("nationalId");
        }
        if (!read.isEmpty()) {
            audit.revealed(resident.communityId, "resident", resident.id, self ? null : reason.strip(), read.toArray(String[]::new));
        }
        return values;
    }

    /**
     * Masked forms of the sensitive fields, for lists and readers without the right to see them (no decryption). It
     * reads only the resident in hand: no transaction of its own (opening and committing one was 6% of a get-by-id).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> masked(Resident resident) {
        Map<String, String> values = new HashMap<>();
        if (resident.phoneMasked != null || resident.phoneCipher != null) {
            values.put("phone", resident.phoneMasked != null ? resident.phoneMasked : PhoneNumber.mask(pii.decrypt(resident.phoneCipher)));
        }
        if (resident.nationalIdMasked != null || resident.nationalIdCipher != null) {
            values.put("nationalId", resident.nationalIdMasked != null ? resident.nationalIdMasked
                    : NationalIdNumber.mask(pii.decrypt(resident.nationalIdCipher)));
        }
        return values;
    }

    private void setPhone(Resident resident, String phone) {
        resident.phoneCipher = pii.encrypt(phone);
        resident.phoneMasked = PhoneNumber.mask(phone);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Residency> history(Resident resident) {
        return Residency.list("residentId", Sort.by("movedInOn"), resident.id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Resident> byNationalId(String communityCode, String nationalId) {
        scope.readableCommunity(communityCode);
        return registeredAs(pii.blindIndexes(nationalId)).firstResultOptional().filter(scope::canSee);
    }

    /**
     * The record (not merged) of the person with a national ID number, by its blind indexes: under the current index key
     * and, while the key rotates, the previous ones.
     */
    private static PanacheQuery<Resident> registeredAs(List<byte[]> idIndexes) {
        return Resident.find("nationalIdHash in ?1 and status <> ?2", idIndexes, ResidentStatus.MERGED);
    }

    public record Found(List<Resident> page, long total) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Found search(String communityCode, Filter filter, Sort sort, int page, int size) {
        scope.readableCommunity(communityCode);
        StringBuilder where = new StringBuilder("communityId = :community");
        Map<String, Object> params = new HashMap<>();
        params.put("community", communityCode);
        where.append(filter.includeMovedOut() ? " and status <> 'MERGED'" : " and status = 'ACTIVE'");
        if (!scope.restrictToGrids(where, params)) {
            return new Found(List.of(), 0);
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            // by prefix: a surname, or the start of a full name (an index serves it; a "contains" search would scan)
            where.append(" and name like :name");
            params.put("name", filter.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        condition(where, params, "gridId", filter.gridId());
        condition(where, params, "buildingId", filter.buildingId());
        condition(where, params, "unitId", filter.unitId());
        if (filter.ageBand() != null) {
            LocalDate[] range = birthDates(filter.ageBand(), today());
            where.append(" and birthDate > :bornAfter and birthDate <= :bornBy");
            params.put("bornAfter", range[0]);
            params.put("bornBy", range[1]);
        }
        for (String flag : filter.flags()) {
            switch (flag) {
                case "livesAlone", "housebound", "chronicIllness", "lowIncome", "partyMember" -> where.append(" and ").append(flag).append(" = true");
                default -> throw new IllegalArgumentException(flag);
            }
        }
        var query = Resident.<Resident>find(where.toString(), sort, params);
        return new Found(query.page(Page.of(page, size)).list(), query.count());
    }

    /** Birth dates (exclusive, inclusive] of the people in an age band today. */
    static LocalDate[] birthDates(AgeBand band, LocalDate today) {
        int[] years = switch (band) {
            case UNDER_60 -> new int[] { 0, 60 };
            case AGED_60_74 -> new int[] { 60, 75 };
            case AGED_75_84 -> new int[] { 75, 85 };
            case AGED_85_94 -> new int[] { 85, 95 };
            case AGED_95_PLUS -> new int[] { 95, 200 };
        };
        return new LocalDate[] { today.minusYears(years[1]), today.minusYears(years[0]) };
    }

    private static void condition(StringBuilder where, Map<String, Object> params, String field, UUID value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            params.put(field, value);
        }
    }

    private static List<String> flag(Boolean wanted, boolean current, java.util.function.Consumer<Boolean> set, String name) {
        if (wanted == null || wanted == current) {
            return List.of();
        }
        set.accept(wanted);
        return List.of(name);
    }

    private Household household(String communityCode, UUID householdId) {
        return Household.<Household>findByIdOptional(householdId)
                .filter(h -> h.communityId.equals(communityCode))
                .filter(h -> scope.gridRestriction().map(grids -> grids.contains(h.gridId)).orElse(true))
                .orElseThrow(() -> new NotFoundProblem("No household " + householdId + " in your scope"));
    }

    private static Resident active(Resident resident) {
        if (!resident.active()) {
            throw new ConflictProblem("The resident has " + (resident.status == ResidentStatus.MOVED_OUT
                    ? "moved out" : "been merged into another record") + "; the record can no longer change");
        }
        return resident;
    }

    private void openResidency(Resident resident, Household household, Relationship relationship, LocalDate on, String reason) {
        Residency residency = new Residency();
        residency.id = UUID.randomUUID();
        residency.residentId = resident.id;
        residency.householdId = household == null ? null : household.id;
        residency.relationshipToHead = household == null ? null : relationship;
        residency.movedInOn = on;
        residency.reason = reason;
        residency.persist();
    }

    private void closeResidency(Resident resident, LocalDate on, String reason) {
        Residency.<Residency>find("residentId = ?1 and movedOutOn is null", resident.id).list().forEach(r -> {
            if (on.isBefore(r.movedInOn)) {
                throw new ConflictProblem("The date " + on + " is before the resident moved in (" + r.movedInOn + ")");
            }
            r.movedOutOn = on;
            r.reason = reason;
        });
    }

    /** {@code idIndexes}: the new resident's ID number's blind indexes under every index key configured. */
    private void flagLikelyDuplicates(Resident resident, List<byte[]> idIndexes) {
        List<Resident> twins = Resident.list("communityId = ?1 and name = ?2 and birthDate = ?3 and id <> ?4 and status <> ?5",
                resident.communityId, resident.name, resident.birthDate, resident.id, ResidentStatus.MERGED);
        for (Resident twin : twins) {
            if (twin.nationalIdHash != null && !idIndexes.isEmpty()
                    && idIndexes.stream().noneMatch(index -> java.util.Arrays.equals(index, twin.nationalIdHash))) {
                continue; // different ID numbers: two people who share a name and a birthday
            }
            DuplicateSuspect suspect = new DuplicateSuspect();
            suspect.id = UUID.randomUUID();
            suspect.communityId = resident.communityId;
            suspect.residentId = resident.id;
            suspect.otherId = twin.id;
            suspect.status = DuplicateSuspect.Status.OPEN;
            suspect.raisedAt = OffsetDateTime.now(clock);
            suspect.persist();
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
