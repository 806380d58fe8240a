/**
 * Whose meals the screens are about: the signed-in elder themself, or — for a family member — the parent they chose
 * (every call then uses the parent's id as dinerId and the link's communityId).
 */
import { computed, ref, watch } from 'vue';
import { hasRole, session } from './session';
import type { FamilyLink } from './types';

const KEY = 'linli.acting.v1';

interface Stored {
  subject: string;
  link: FamilyLink;
}

function recall(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

const stored = ref<Stored | null>(recall());

watch(stored, (value) => {
  try {
    if (value) localStorage.setItem(KEY, JSON.stringify(value));
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: lasts for this visit
  }
});

export function actFor(link: FamilyLink | null): void {
  stored.value = link && session.data?.subject ? { subject: session.data.subject, link } : null;
}

/** The family link in use, when it belongs to whoever is signed in now. */
export const actingLink = computed<FamilyLink | null>(() => {
  const value = stored.value;
  if (!value || !session.data?.signedIn || value.subject !== session.data.subject || !hasRole('family')) return null;
  return value.link;
});

export interface Actor {
  kind: 'self' | 'family';
  dinerId: string;
  communityId: string;
  link: FamilyLink | null;
  meals: boolean;
  careAlerts: boolean;
}

export const actor = computed<Actor | null>(() => {
  const link = actingLink.value;
  if (link) {
    return {
      kind: 'family',
      dinerId: link.parentId,
      communityId: link.communityId,
      link,
      meals: link.purposes.includes('MEALS'),
      careAlerts: link.purposes.includes('CARE_ALERTS'),
    };
  }
  const data = session.data;
  if (data?.signedIn && hasRole('resident') && data.subject && data.community) {
    return { kind: 'self', dinerId: data.subject, communityId: data.community, link: null, meals: true, careAlerts: false };
  }
  return null;
});

/** "妈妈 赵秀兰" */
/** The parent's name: the link's relationship is the member's own (女儿, "daughter"), said separately. */
export function actingName(link: FamilyLink): string {
  return link.parentName || '';
}
