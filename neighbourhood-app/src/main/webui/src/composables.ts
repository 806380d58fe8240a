import { ref, type Ref } from 'vue';
import { errorText } from './api';

/** Loads something for a screen: data, loading, error, reload. */
export function useLoad<T>(loader: () => Promise<T>, immediate = true) {
  const data = ref(null) as Ref<T | null>;
  const loading = ref(false);
  const error = ref<unknown>(null);
  async function reload(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      data.value = await loader();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  if (immediate) void reload();
  return { data, loading, error, reload };
}

/** Runs one action at a time with its error and a message for success. */
export function useAction() {
  const busy = ref(false);
  const error = ref<unknown>(null);
  const message = ref('');
  async function run<T>(action: () => Promise<T>, success?: string): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    error.value = null;
    message.value = '';
    try {
      const result = await action();
      if (success) message.value = success;
      return result;
    } catch (e) {
      error.value = e;
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, message, run, text: () => errorText(error.value) };
}
