import { describe, expect, it } from 'vitest';
import { check, contactRules, residentRules, validNationalId, violationsByField, PHONE_PATTERN } from './validation';

describe('checks that mirror resident-service', () => {
  it('accepts a national ID number only with the right check character', () => {
    expect(validNationalId('11010519491231002X')).toBe(true);
    expect(validNationalId('11010519491231002x')).toBe(true);
    expect(validNationalId('110105194912310021')).toBe(false);
    expect(validNationalId('1101051949123100')).toBe(false);
  });

  it('takes mobiles and landlines with an area code as phone numbers', () => {
    for (const ok of ['13812345678', '+86 13812345678', '0431-88881234', '043188881234']) expect(PHONE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['12812345678', '1381234567', '88881234', 'abc']) expect(PHONE_PATTERN.test(bad)).toBe(false);
  });

  it('checks a new resident as NewResident does', () => {
    const rules = residentRules('2025-12-01');
    expect(check({ name: ' ', gender: '', birthDate: '2025-12-01', movedInOn: '2025-12-02', nationalId: '110105194912310021', phone: '123' }, rules)).toEqual({
      name: 'check.required',
      gender: 'check.required',
      birthDate: 'check.past',
      movedInOn: 'check.notFuture',
      nationalId: 'check.nationalId',
      phone: 'check.phone',
    });
    expect(check({ name: '赵秀兰', gender: 'FEMALE', birthDate: '1949-03-02', movedInOn: '', nationalId: '', phone: '' }, rules)).toEqual({});
    expect(check({ name: 'x'.repeat(101), gender: 'MALE', birthDate: '1950-01-01' }, rules)).toEqual({ name: 'check.maxLength:100' });
  });

  it('needs a name, a relationship and a phone for an emergency contact', () => {
    expect(check({ name: '王小明', relationship: '儿子', phone: '' }, contactRules)).toEqual({ phone: 'check.required' });
  });

  it('puts the service violations on the form fields', () => {
    expect(
      violationsByField(
        [
          { field: 'register.request.birthDate', message: 'must be a past date' },
          { field: 'register.request.dietaryNeeds[].<iterable element>', message: 'must not be null' },
          { field: 'register.request', message: 'something about the whole' },
        ],
        ['birthDate', 'dietaryNeeds', 'name'],
      ),
    ).toEqual({ birthDate: 'must be a past date', dietaryNeeds: 'must not be null', '': 'something about the whole' });
  });
});
