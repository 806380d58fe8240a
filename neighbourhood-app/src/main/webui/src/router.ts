// Every screen is in the main bundle: the app shell must open offline, whatever screen was last visited.
import { createRouter, createWebHashHistory, type RouteLocationRaw } from 'vue-router';
import { ref } from 'vue';
import type { MessageKey } from './i18n';
import { hasRole, session } from './session';
import { actingLink, actor } from './acting';
import AccountView from './views/AccountView.vue';
import AlertsView from './views/AlertsView.vue';
import ClassesView from './views/ClassesView.vue';
import ElsewhereView from './views/ElsewhereView.vue';
import LogVisitView from './views/LogVisitView.vue';
import LunchView from './views/LunchView.vue';
import MoreView from './views/MoreView.vue';
import OrderFlowView from './views/OrderFlowView.vue';
import OrdersView from './views/OrdersView.vue';
import ParentPickerView from './views/ParentPickerView.vue';
import RewardsView from './views/RewardsView.vue';
import RoundView from './views/RoundView.vue';
import ServicesView from './views/ServicesView.vue';
import SettingsView from './views/SettingsView.vue';
import VisitsView from './views/VisitsView.vue';
import WalletView from './views/WalletView.vue';
import ConsoleShell from './console/ConsoleShell.vue';
import CareView from './console/CareView.vue';
import ResidentsView from './console/ResidentsView.vue';
import ResidentView from './console/ResidentView.vue';
import RegisterView from './console/RegisterView.vue';
import DuplicatesView from './console/DuplicatesView.vue';
import OrgView from './console/OrgView.vue';
import { routes as volunteerDeskRoutes } from './console/volunteers/routes';
import { routes as canteenDeskRoutes } from './console/canteen/routes';

export type Group = 'volunteer' | 'elder';

declare module 'vue-router' {
  interface RouteMeta {
    title?: MessageKey;
    group?: Group;
    tab?: string;
    /** who may open the screen */
    needs?: 'volunteer' | 'meals' | 'self' | 'careAlerts' | 'family' | 'console';
    /** the community console's place (care, residents, volunteers, canteen) */
    place?: string;
    /** the roles that may open a console screen (any of them); absent: whoever may open the console */
    roles?: string[];
  }
}

/** The last group of tabs shown, so Settings keeps the tab bar the person came from. */
export const lastGroup = ref<Group | null>(null);

/**
 * Home chooses by role: community worker or grid head → the community console (a grid head is also a resident: their
 * work comes first); canteen staff → the console's canteen; volunteer → round; resident → lunch; family → the parent picker; anyone else → elsewhere.
 */
export function home(): RouteLocationRaw {
  if (hasRole('community-worker') || hasRole('grid-head')) return '/console/care';
  if (hasRole('canteen-staff')) return '/console/canteen';
  if (hasRole('volunteer')) return '/round';
  if (hasRole('resident')) return '/lunch';
  if (hasRole('family')) return actingLink.value ? (actor.value?.meals ? '/lunch' : '/alerts') : '/family';
  return '/elsewhere';
}

export const router = createRouter({
  history: createWebHashHistory(),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', name: 'home', redirect: () => home() },
    { path: '/round', component: RoundView, meta: { title: 'title.round', group: 'volunteer', tab: 'round', needs: 'volunteer' } },
    { path: '/services', component: ServicesView, meta: { title: 'title.services', group: 'volunteer', tab: 'services', needs: 'volunteer' } },
    { path: '/services/log', component: LogVisitView, meta: { title: 'title.logVisit', group: 'volunteer', tab: 'services', needs: 'volunteer' } },
    { path: '/wallet', component: WalletView, meta: { title: 'title.wallet', group: 'volunteer', tab: 'wallet', needs: 'volunteer' } },
    { path: '/rewards', component: RewardsView, meta: { title: 'title.rewards', group: 'volunteer', tab: 'rewards', needs: 'volunteer' } },
    { path: '/classes', component: ClassesView, meta: { title: 'title.classes', group: 'volunteer', tab: 'classes', needs: 'volunteer' } },
    { path: '/lunch', component: LunchView, meta: { title: 'title.lunch', group: 'elder', tab: 'lunch', needs: 'meals' } },
    { path: '/order/:date', component: OrderFlowView, meta: { title: 'title.order', group: 'elder', tab: 'lunch', needs: 'meals' } },
    { path: '/order/:date/:service', component: OrderFlowView, meta: { title: 'title.order', group: 'elder', tab: 'lunch', needs: 'meals' } },
    { path: '/orders', component: OrdersView, meta: { title: 'title.orders', group: 'elder', tab: 'orders', needs: 'meals' } },
    { path: '/account', component: AccountView, meta: { title: 'title.account', group: 'elder', tab: 'account', needs: 'meals' } },
    { path: '/visits', component: VisitsView, meta: { title: 'title.visits', group: 'elder', tab: 'visits', needs: 'self' } },
    { path: '/alerts', component: AlertsView, meta: { title: 'title.alerts', group: 'elder', tab: 'alerts', needs: 'careAlerts' } },
    { path: '/family', component: ParentPickerView, meta: { title: 'title.family', needs: 'family' } },
    { path: '/settings', component: SettingsView, meta: { title: 'title.settings', tab: 'settings' } },
    { path: '/more', component: MoreView, meta: { title: 'title.more', tab: 'more' } },
    { path: '/elsewhere', component: ElsewhereView, meta: { title: 'title.elsewhere' } },
    {
      path: '/console',
      component: ConsoleShell,
      meta: { title: 'title.console', needs: 'console' },
      children: [
        { path: '', redirect: () => home() },
        { path: 'care', component: CareView, meta: { title: 'title.consoleCare', place: 'care' } },
        { path: 'residents', component: ResidentsView, meta: { title: 'title.consoleResidents', place: 'residents' } },
        { path: 'residents/new', component: RegisterView, meta: { title: 'title.consoleRegister', place: 'residents' } },
        { path: 'residents/duplicates', component: DuplicatesView, meta: { title: 'console.dup.title', place: 'residents', roles: ['community-worker'] } },
        { path: 'org', component: OrgView, meta: { title: 'console.org.title', place: 'org' } },
        { path: 'residents/:id', component: ResidentView, meta: { title: 'title.consoleResident', place: 'residents' } },
        ...volunteerDeskRoutes,
        ...canteenDeskRoutes,
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  if (!session.data?.signedIn) return true; // the welcome screen shows whatever the route
  switch (to.meta.needs) {
    case 'volunteer':
      return hasRole('volunteer') || home();
    case 'family':
      return hasRole('family') || home();
    case 'meals':
      if (actor.value?.meals) return true;
      return hasRole('family') && !actingLink.value ? '/family' : home();
    case 'self':
      return actor.value?.kind === 'self' || home();
    case 'careAlerts':
      return actor.value?.careAlerts || home();
    case 'console':
      if (!(hasRole('community-worker') || hasRole('grid-head') || hasRole('canteen-staff'))) return home();
      return !to.meta.roles || to.meta.roles.some(hasRole) || home();
    default:
      return true;
  }
});

router.afterEach((to) => {
  if (to.meta.group) lastGroup.value = to.meta.group;
});
