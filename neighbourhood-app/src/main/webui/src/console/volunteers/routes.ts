/**
 * The volunteers workplace's screens under /console/volunteers (children of the console's route) and its place in the
 * console's navigation. Wired into router.ts and ConsoleShell.vue.
 */
import type { RouteRecordRaw } from 'vue-router';
import { OFFICE, WORKER } from './tabs';
import ServicesQueue from './ServicesQueue.vue';
import ApplicationsView from './ApplicationsView.vue';
import RewardCounter from './RewardCounter.vue';
import TeamsView from './TeamsView.vue';
import ClassesDesk from './ClassesDesk.vue';
import MonthlyReport from './MonthlyReport.vue';

export const routes: RouteRecordRaw[] = [
  { path: 'volunteers', name: 'volunteers', component: ServicesQueue, meta: { title: 'vol.title.services', place: 'volunteers', roles: OFFICE } },
  { path: 'volunteers/applications', component: ApplicationsView, meta: { title: 'vol.title.applications', place: 'volunteers', roles: OFFICE } },
  { path: 'volunteers/counter', component: RewardCounter, meta: { title: 'vol.title.counter', place: 'volunteers', roles: OFFICE } },
  { path: 'volunteers/teams', component: TeamsView, meta: { title: 'vol.title.teams', place: 'volunteers', roles: OFFICE } },
  { path: 'volunteers/classes', component: ClassesDesk, meta: { title: 'vol.title.classes', place: 'volunteers', roles: OFFICE } },
  { path: 'volunteers/report', component: MonthlyReport, meta: { title: 'vol.title.report', place: 'volunteers', roles: WORKER } },
];
