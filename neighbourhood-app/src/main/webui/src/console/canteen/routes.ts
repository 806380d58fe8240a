/**
 * The canteen workplace's screens under /console/canteen (children of the console's route) and its place in the
 * console's navigation. Wired into router.ts and ConsoleShell.vue. Canteen staff and community workers may open them
 * (canteen-service lets both manage their community's canteen).
 */
import type { RouteRecordRaw } from 'vue-router';
import MenuEditor from './MenuEditor.vue';
import DishesView from './DishesView.vue';
import KitchenView from './KitchenView.vue';
import RunSheets from './RunSheets.vue';
import OrdersDesk from './OrdersDesk.vue';
import SettlementView from './SettlementView.vue';
import PricesView from './PricesView.vue';
import DinersView from './DinersView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** the canteen workplace's tab a screen belongs to */
    canteenTab?: string;
  }
}

const roles = ['canteen-staff', 'community-worker'];

export const routes: RouteRecordRaw[] = [
  { path: 'canteen', name: 'canteen', redirect: '/console/canteen/menu', meta: { title: 'can.title.menu', place: 'canteen', roles } },
  { path: 'canteen/menu', component: MenuEditor, meta: { title: 'can.title.menu', place: 'canteen', roles, canteenTab: 'menu' } },
  { path: 'canteen/dishes', component: DishesView, meta: { title: 'can.title.dishes', place: 'canteen', roles, canteenTab: 'dishes' } },
  { path: 'canteen/kitchen', component: KitchenView, meta: { title: 'can.title.kitchen', place: 'canteen', roles, canteenTab: 'kitchen' } },
  { path: 'canteen/runs', component: RunSheets, meta: { title: 'can.title.runs', place: 'canteen', roles, canteenTab: 'kitchen' } },
  { path: 'canteen/orders', component: OrdersDesk, meta: { title: 'can.title.orders', place: 'canteen', roles, canteenTab: 'orders' } },
  { path: 'canteen/settlement', component: SettlementView, meta: { title: 'can.title.settlement', place: 'canteen', roles, canteenTab: 'settlement' } },
  { path: 'canteen/prices', component: PricesView, meta: { title: 'can.title.prices', place: 'canteen', roles, canteenTab: 'prices' } },
  { path: 'canteen/diners', component: DinersView, meta: { title: 'can.title.diners', place: 'canteen', roles, canteenTab: 'diners' } },
];
