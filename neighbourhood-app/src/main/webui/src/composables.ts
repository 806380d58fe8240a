import { ref, type Ref } from 'vue';
import { errorText } from './api';

/**
 * Loads something for a screen: data, loading, error, reload. The latest request wins: an answer or an error that
 * arrives after a newer request was made is dropped, so a slow answer for yesterday never replaces today's.
 * reload() keeps what is shown while it asks again (a refresh); reloadAfresh() forgets it at once, for when the screen
 * now asks about something else (another day, another filter) and the old answer would mislead.
 */
export function useLoad<T>(loader: () => Promise<T>, immediate = true) {
  const data = ref(null) as Ref<T | null>;
  const loading = ref(false);
  const error = ref<unknown>(null);
  let latest = 0;
  async function ask(afresh: boolean): Promise<void> {
    const mine = ++latest;
    loading.value = true;
    error.value = null;
    if (afresh) data.value = null;
    try {
      const answer = await loader();
      if (mine === latest) data.value = answer;
    } catch (e) {
      if (mine === latest) error.value = e;
    } finally {
      if (mine === latest) loading.value = false;
    }
  }
  const reload = () => ask(false);
  const reloadAfresh = () => ask(true);
  if (immediate) void reload();
  return { data, loading, error, reload, reloadAfresh };
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
