/** What a resident's edit form changed, as resident-service's ResidentChanges (PATCH): null when nothing did. */
import type { DietaryNeed, ResidentRecord } from '../types';

export interface ResidentForm {
  name: string;
  /** empty: the phone stays as it is (the record shows it masked, so the form cannot start from it) */
  phone: string;
  livesAlone: boolean;
  housebound: boolean;
  chronicIllness: boolean;
  lowIncome: boolean;
  partyMember: boolean;
  dietaryNeeds: DietaryNeed[];
}

export type ResidentChangeBody = Partial<Omit<ResidentForm, 'phone'> & { phone: string }>;

const FLAGS = ['livesAlone', 'housebound', 'chronicIllness', 'lowIncome', 'partyMember'] as const;

export function residentChanges(record: ResidentRecord, form: ResidentForm): ResidentChangeBody | null {
  const body: ResidentChangeBody = {};
  const name = form.name.trim();
  if (name !== record.name) body.name = name;
  const phone = form.phone.trim();
  if (phone) body.phone = phone;
  for (const flag of FLAGS) {
    if (form[flag] !== !!record[flag]) body[flag] = form[flag];
  }
  const before = [...(record.dietaryNeeds ?? [])].sort().join(',');
  const after = [...form.dietaryNeeds].sort().join(',');
  if (before !== after) body.dietaryNeeds = [...form.dietaryNeeds].sort();
  return Object.keys(body).length ? body : null;
}
