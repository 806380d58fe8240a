/** The canteen service through the BFF, for whoever the screens act for (the elder, or a family member's parent). */
import { computed } from 'vue';
import { path } from './api';
import { actor } from './acting';

export const canteenBase = () => path('/api/canteen/communities', actor.value?.communityId ?? '');
export const dinerId = () => actor.value?.dinerId ?? '';
export const dinerPath = (...rest: string[]) => `${canteenBase()}/${path('diners', dinerId(), ...rest)}`;
export const isFamily = computed(() => actor.value?.kind === 'family');

const SUITABILITY_CODE: Record<string, string> = { DIABETIC: 'LOW_SUGAR', SOFT_TEXTURE: 'SOFT_TEXTURE', LOW_SALT: 'LOW_SALT' };
const ANSWERABLE = new Set(Object.values(SUITABILITY_CODE));

/** A dish suits the diner when its suitability covers every dietary need a dish can answer. */
export function suits(dinerNeeds: string[] | undefined, suitability: string[] | undefined): boolean {
  const needs = (dinerNeeds ?? []).filter((n) => ANSWERABLE.has(n));
  if (needs.length === 0) return false;
  const answers = new Set((suitability ?? []).map((s) => SUITABILITY_CODE[s] ?? s));
  return needs.every((n) => answers.has(n));
}
