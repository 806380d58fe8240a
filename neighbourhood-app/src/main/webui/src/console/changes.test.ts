import { describe, expect, it } from 'vitest';
import { residentChanges, type ResidentForm } from './changes';
import type { ResidentRecord } from '../types';

const msZhao = {
  id: 'r1', communityId: 'changshan-garden', name: '赵秀兰', gender: 'FEMALE', birthDate: '1950-03-14', age: 76,
  ageBand: 'AGED_75_84', phone: '135****0001', livesAlone: true, housebound: true, chronicIllness: null,
  lowIncome: false, partyMember: false, dietaryNeeds: ['LOW_SALT', 'SOFT_TEXTURE'], status: 'ACTIVE',
} as ResidentRecord;

const unchanged = (): ResidentForm => ({
  name: '赵秀兰', phone: '', livesAlone: true, housebound: true, chronicIllness: false, lowIncome: false,
  partyMember: false, dietaryNeeds: ['SOFT_TEXTURE', 'LOW_SALT'],
});

describe('a resident edit sends only what changed', () => {
  it('sends nothing when nothing changed (an unknown flag counts as no, the order of diets does not matter)', () => {
    expect(residentChanges(msZhao, unchanged())).toBeNull();
  });

  it('sends a changed name trimmed, a new phone, a flag turned off and the new diets', () => {
    const form = { ...unchanged(), name: ' 赵秀兰 ', phone: ' 13504310002 ', housebound: false, dietaryNeeds: ['LOW_SUGAR' as const] };
    expect(residentChanges(msZhao, form)).toEqual({ phone: '13504310002', housebound: false, dietaryNeeds: ['LOW_SUGAR'] });
  });

  it('keeps the masked phone when its field is left empty', () => {
    expect(residentChanges(msZhao, { ...unchanged(), lowIncome: true })).toEqual({ lowIncome: true });
  });
});
