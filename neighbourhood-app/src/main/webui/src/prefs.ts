/** Elder mode (长辈版): a class on <html>, persisted. */
import { ref, watch } from 'vue';

const ELDER_KEY = 'linli.elderMode';

function initial(): boolean {
  try {
    return localStorage.getItem(ELDER_KEY) === 'on';
  } catch {
    return false;
  }
}

export const elderMode = ref<boolean>(initial());

watch(
  elderMode,
  (on) => {
    document.documentElement.classList.toggle('elder', on);
    try {
      localStorage.setItem(ELDER_KEY, on ? 'on' : 'off');
    } catch {
      // private mode: lasts for this visit
    }
  },
  { immediate: true },
);
