/**
 * What the console's screens share: the community's paths at resident-service (through the BFF), who the worker is,
 * resident names by id (cached: the queue shows names, the alerts carry ids) and the organisation tree
 * (community → grid → building → unit), cached by parent.
 */
import { reactive, ref } from 'vue';
import { get, path, query } from '../api';
import { hasRole, session } from '../session';
import { t } from '../i18n';
import { shortId } from '../format';
import type { OrgUnit, PageView, ResidentRecord } from '../types';
import { missingNames } from './alerts';

export const RESIDENT_API = '/api/resident';

/** The signed-in worker's community (a grid head's too: resident-service narrows them to their grids). */
export const community = () => session.data?.community ?? '';

/** /api/resident/communities/{c}/<segments…> with each segment encoded. */
export const communityPath = (...segments: Array<string | number>) => path(`${RESIDENT_API}/communities`, community(), ...segments);

export const isWorker = () => hasRole('community-worker');
export const isGridHead = () => hasRole('grid-head');
export const mayUseConsole = () => isWorker() || isGridHead();

// ---------- resident names ----------

/** id → name ('' when it could not be read: shown as "居民 ABCD"). */
export const residentNames = reactive(new Map<string, string>());
const asking = new Set<string>();

export function residentLabel(id: string | null | undefined): string {
  if (!id) return t('console.unknownResident');
  const name = residentNames.get(id);
  return name || t('console.residentShort', { id: shortId(id) });
}

/** Reads the names of the residents not known yet (a few at a time); failures are remembered as unknown. */
export async function loadNames(ids: readonly (string | null | undefined)[]): Promise<void> {
  const wanted = missingNames(ids, residentNames).filter((id) => !asking.has(id));
  wanted.forEach((id) => asking.add(id));
  const queue = [...wanted];
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        const r = await get<ResidentRecord>(communityPath('residents', id));
        residentNames.set(id, r.name);
      } catch {
        residentNames.set(id, '');
      } finally {
        asking.delete(id);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

export function rememberName(r: Pick<ResidentRecord, 'id' | 'name'>): void {
  residentNames.set(r.id, r.name);
}

// ---------- organisation tree ----------

/** unit id → the unit, for names of grids, buildings and units wherever an id shows. */
export const orgUnits = reactive(new Map<string, OrgUnit>());
const childrenOf = new Map<string, Promise<OrgUnit[]>>();
let communityUnit: Promise<OrgUnit | null> | null = null;
let communityUnitFor = '';

/** The community's own unit (GET /org-units?kind=COMMUNITY&code=c); null when it is not in the caller's scope. */
export function loadCommunityUnit(): Promise<OrgUnit | null> {
  if (!communityUnit || communityUnitFor !== community()) {
    communityUnitFor = community();
    communityUnit = get<OrgUnit[]>(`${RESIDENT_API}/org-units${query({ kind: 'COMMUNITY', code: community() })}`).then(
      (found) => {
        const unit = found[0] ?? null;
        if (unit) orgUnits.set(unit.id, unit);
        return unit;
      },
      (error) => {
        communityUnit = null;
        throw error;
      },
    );
  }
  return communityUnit;
}

/** The children of a unit (grids of a community, buildings of a grid, units of a building), by name. */
export function loadChildren(parentId: string): Promise<OrgUnit[]> {
  let found = childrenOf.get(parentId);
  if (!found) {
    found = get<PageView<OrgUnit>>(`${path(`${RESIDENT_API}/org-units`, parentId, 'children')}${query({ size: 500 })}`).then(
      (page) => {
        page.items.forEach((u) => orgUnits.set(u.id, u));
        return page.items;
      },
      (error) => {
        childrenOf.delete(parentId);
        throw error;
      },
    );
    childrenOf.set(parentId, found);
  }
  return found;
}

/** The community's grids (the first level under the community). */
export async function loadGrids(): Promise<OrgUnit[]> {
  const unit = await loadCommunityUnit();
  return unit ? loadChildren(unit.id) : [];
}

export function unitName(id: string | null | undefined): string {
  if (!id) return '';
  return orgUnits.get(id)?.name ?? shortId(id);
}

/** "3号楼 · 2单元" from whatever ids a record carries. */
export function placeOf(r: { gridId?: string | null; buildingId?: string | null; unitId?: string | null }): string {
  return [r.buildingId, r.unitId].filter(Boolean).map(unitName).join(' · ') || unitName(r.gridId) || '';
}

/** Counts screens waiting on the tree so names fill in once it is read. */
export const treeVersion = ref(0);
export async function warmTree(): Promise<void> {
  try {
    const grids = await loadGrids();
    await Promise.all(grids.map((g) => loadChildren(g.id).then((bs) => Promise.all(bs.map((b) => loadChildren(b.id))))));
  } catch {
    // names stay as short ids
  } finally {
    treeVersion.value++;
  }
}
