import { describe, expect, it } from 'vitest';
import { nextTick, reactive, ref } from 'vue';
import { useChecks } from './ui';
import { check, required, type FieldErrors } from './validation';

describe('checks that follow what is typed', () => {
  const setUp = () => {
    const form = reactive({ name: '', phone: '' });
    const errors = ref<FieldErrors>({});
    const checks = useChecks(() => form, errors, () => check(form, { name: [required], phone: [required] }));
    return { form, errors, checks };
  };

  it('says nothing while typing before the first check', async () => {
    const { form, errors } = setUp();
    form.name = 'x';
    form.name = '';
    await nextTick();
    expect(errors.value).toEqual({});
  });

  it('takes back an error once its field is put right, and keeps the others', async () => {
    const { form, errors, checks } = setUp();
    expect(checks.run()).toBe(false);
    expect(Object.keys(errors.value)).toEqual(['name', 'phone']);
    form.name = '赵秀兰';
    await nextTick();
    expect(errors.value).toEqual({ phone: 'check.required' });
    form.phone = '13812345678';
    await nextTick();
    expect(errors.value).toEqual({});
    // all put right: emptying a field again says nothing until the next check
    form.phone = '';
    await nextTick();
    expect(errors.value).toEqual({});
    expect(checks.run()).toBe(false);
  });

  it('leaves what the service said after a check passed', async () => {
    const { form, errors, checks } = setUp();
    Object.assign(form, { name: '赵秀兰', phone: '13812345678' });
    expect(checks.run()).toBe(true);
    errors.value = { phone: 'not a number we can reach' };
    form.name = '赵秀兰 ';
    await nextTick();
    expect(errors.value).toEqual({ phone: 'not a number we can reach' });
  });
});
