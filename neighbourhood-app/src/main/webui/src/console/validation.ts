/**
 * Client-side checks that mirror resident-service's records (NewResident, CareCircleResource.NewContact, NewNeed …),
 * so a person hears at once what to fix; the service still decides and its violations are shown per field.
 * Pure, unit-tested (validation.test.ts). Messages are i18n keys.
 */
import type { Violation } from '../types';

/** PhoneNumber.PATTERN: a mainland mobile (11 digits from 1) or a landline with area code, optionally +86. */
export const PHONE_PATTERN = /^(\+86[- ]?)?(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/** NationalIdNumber.isValid: 17 digits and the ISO 7064 MOD 11-2 check character (GB 11643-1999). */
export function validNationalId(value: string): boolean {
  const id = value.replace(/\s/g, '').toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === id[17];
}

export type FieldErrors = Record<string, string>;

/** The message key of the problem with one value, or '' when it is fine. */
export type Rule = (value: unknown) => string;

export const required: Rule = (v) => (v === null || v === undefined || String(v).trim() === '' ? 'check.required' : '');
export const maxLength =
  (n: number): Rule =>
  (v) =>
    typeof v === 'string' && v.trim().length > n ? `check.maxLength:${n}` : '';
export const phone: Rule = (v) => (typeof v === 'string' && v.trim() !== '' && !PHONE_PATTERN.test(v.trim()) ? 'check.phone' : '');
export const nationalId: Rule = (v) => (typeof v === 'string' && v.trim() !== '' && !validNationalId(v) ? 'check.nationalId' : '');
/** A date (YYYY-MM-DD) strictly before today (@Past). */
export const pastDate =
  (today: string): Rule =>
  (v) =>
    typeof v === 'string' && v !== '' && v >= today ? 'check.past' : '';
/** A date not after today (@PastOrPresent). */
export const notFuture =
  (today: string): Rule =>
  (v) =>
    typeof v === 'string' && v !== '' && v > today ? 'check.notFuture' : '';

/** Runs each field's rules; the first problem of each field wins. */
export function check(values: Record<string, unknown>, rules: Record<string, Rule[]>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, list] of Object.entries(rules)) {
    for (const rule of list) {
      const problem = rule(values[field]);
      if (problem) {
        errors[field] = problem;
        break;
      }
    }
  }
  return errors;
}

/** The rules of NewResident (resident-service), given today's date in the community. */
export function residentRules(today: string): Record<string, Rule[]> {
  return {
    name: [required, maxLength(100)],
    gender: [required],
    birthDate: [required, pastDate(today)],
    movedInOn: [notFuture(today)],
    nationalId: [nationalId],
    phone: [phone],
  };
}

/** The rules of CareCircleResource.NewContact. */
export const contactRules: Record<string, Rule[]> = {
  name: [required, maxLength(100)],
  relationship: [required, maxLength(30)],
  phone: [required, phone],
};

/** The rules of NeedResource.NewNeed. */
export const needRules: Record<string, Rule[]> = {
  category: [required],
  place: [required, maxLength(200)],
  description: [required, maxLength(1000)],
};

/**
 * The service's violations by the form's field names: "register.request.birthDate" → birthDate. A violation of the
 * request as a whole ("register.request") is kept under '' so it is shown above the form.
 */
export function violationsByField(violations: readonly Violation[] | undefined, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of violations ?? []) {
    const parts = v.field.split('.');
    const field = [...parts].reverse().find((p) => fields.includes(p.replace(/\[.*\]$/, '').replace(/<.*>$/, ''))) ?? '';
    const name = field.replace(/\[.*\]$/, '').replace(/<.*>$/, '');
    out[name] = out[name] ? `${out[name]}; ${v.message}` : v.message;
  }
  return out;
}

/** An empty text as null (the records treat a missing value, not an empty string, as "not given"). */
export const orNull = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);
