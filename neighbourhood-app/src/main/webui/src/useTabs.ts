import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { actor } from './acting';
import { elderMode } from './prefs';
import { lastGroup } from './router';
import { overflowOf, type Tab } from './tabs';

/** The tabs of the current group, in their order: the volunteer's five, or the elder's (by what they may do), then Settings. */
export function useTabs() {
  const route = useRoute();
  const all = computed<Tab[]>(() => {
    const group = route.meta.group ?? lastGroup.value;
    const list: Tab[] = [];
    if (group === 'volunteer') {
      list.push({ id: 'round', to: '/round' }, { id: 'services', to: '/services' }, { id: 'wallet', to: '/wallet' },
        { id: 'rewards', to: '/rewards' }, { id: 'classes', to: '/classes' });
    } else if (group === 'elder' && actor.value) {
      if (actor.value.meals) {
        list.push({ id: 'lunch', to: '/lunch' }, { id: 'orders', to: '/orders' }, { id: 'account', to: '/account' });
      }
      if (actor.value.kind === 'self') list.push({ id: 'visits', to: '/visits' });
      if (actor.value.careAlerts) list.push({ id: 'alerts', to: '/alerts' });
    }
    list.push({ id: 'settings', to: '/settings' });
    return list;
  });
  const overflow = computed<Tab[]>(() => overflowOf(all.value, elderMode.value));
  const bar = computed<Tab[]>(() => overflow.value.length === 0 ? all.value
    : [...all.value.filter((tab) => !overflow.value.includes(tab)), { id: 'more', to: '/more' }]);
  /** The tab that is lit: "More" for a screen it holds. */
  const active = computed(() => {
    const tab = route.meta.tab;
    return overflow.value.some((t) => t.id === tab) ? 'more' : tab;
  });
  return { all, bar, overflow, active };
}
