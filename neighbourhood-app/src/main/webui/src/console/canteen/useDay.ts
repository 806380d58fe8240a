/** The day a canteen screen works on, kept in the address (?date=YYYY-MM-DD) so a reload or a printout keeps it. */
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { today } from '../../format';

export function useDay() {
  const route = useRoute();
  const router = useRouter();
  return computed<string>({
    get: () => {
      const q = route.query.date;
      return typeof q === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : today();
    },
    set: (date: string) => {
      void router.replace({ path: route.path, query: { ...route.query, date } });
    },
  });
}
