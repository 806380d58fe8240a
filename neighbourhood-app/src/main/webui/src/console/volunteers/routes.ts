/**
 * The volunteers workplace's screens under /console/volunteers (children of the console's route) and its place in the
 * console's navigation. Wired into router.ts and ConsoleShell.vue.
 */
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [];
