/** The volunteers workplace's tabs and who may open each (the services narrow a grid head further). */
import type { MessageKey } from '../../i18n';

export const OFFICE = ['community-worker', 'grid-head'];
export const WORKER = ['community-worker'];

export const tabs: Array<{ id: string; path: string; label: MessageKey; roles?: string[] }> = [
  { id: 'services', path: '/console/volunteers', label: 'vol.nav.services', roles: OFFICE },
  { id: 'applications', path: '/console/volunteers/applications', label: 'vol.nav.applications', roles: OFFICE },
  { id: 'counter', path: '/console/volunteers/counter', label: 'vol.nav.counter', roles: OFFICE },
  { id: 'teams', path: '/console/volunteers/teams', label: 'vol.nav.teams', roles: OFFICE },
  { id: 'classes', path: '/console/volunteers/classes', label: 'vol.nav.classes', roles: OFFICE },
  { id: 'report', path: '/console/volunteers/report', label: 'vol.nav.report', roles: WORKER },
];

