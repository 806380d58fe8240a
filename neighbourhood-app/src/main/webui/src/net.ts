/**
 * navigator.onLine as a ref. The `online`/`offline` events are not always delivered (a page loaded while offline may
 * never hear `online`), so the value is also read every 2 seconds.
 */
import { ref } from 'vue';

export const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);

if (typeof window !== 'undefined') {
  const read = () => {
    if (online.value !== navigator.onLine) online.value = navigator.onLine;
  };
  window.addEventListener('online', read);
  window.addEventListener('offline', read);
  window.setInterval(read, 2_000);
}
