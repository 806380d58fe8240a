/** Small helpers for the console's screens: polling while the tab is visible, checks that follow what is typed, and check messages in words. */
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { ApiError } from '../api';
import { t, type MessageKey } from '../i18n';
import { violationsByField, type FieldErrors } from './validation';

/**
 * Calls `tick` every `ms` while the page is visible (document.visibilityState), and at once when it becomes visible
 * again; stops when the screen closes. A tick still running is not started twice.
 */
export function usePolling(tick: () => Promise<unknown>, ms: number): void {
  let timer: number | undefined;
  let running = false;
  const run = async () => {
    if (running || document.visibilityState !== 'visible') return;
    running = true;
    try {
      await tick();
    } finally {
      running = false;
    }
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') void run();
  };
  onMounted(() => {
    timer = window.setInterval(run, ms);
    document.addEventListener('visibilitychange', onVisibility);
  });
  onBeforeUnmount(() => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  });
}

/**
 * A form's checks: `run()` checks the form (the errors in `errors`, true when all is well). Once a check has failed, the
 * checks follow what is typed: a field put right no longer says it is wrong (as on registration), until none is wrong.
 * What the service said after a check passed is left as it is (it is not a check's to take back).
 */
export function useChecks(form: () => unknown, errors: Ref<FieldErrors>, validate: () => FieldErrors) {
  let failed = false;
  watch(
    form,
    () => {
      if (failed && Object.keys(errors.value).length) errors.value = validate();
    },
    { deep: true },
  );
  return {
    run(): boolean {
      errors.value = validate();
      failed = Object.keys(errors.value).length > 0;
      return !failed;
    },
  };
}

/** A check's code ("check.required", "check.maxLength:100") in words. */
export function checkText(code: string | undefined): string {
  if (!code) return '';
  const [key, n] = code.split(':');
  return t(key as MessageKey, n ? { n } : {});
}

/** The service's violations of a refused request, by the form's fields (400/422 only). */
export function serverFieldErrors(error: unknown, fields: readonly string[]): FieldErrors {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) return {};
  return violationsByField(error.problem?.violations, fields);
}
