/** Paths of the points service through the BFF, for the signed-in volunteer. */
import { path } from './api';
import { session } from './session';

export const pointsBase = () => path('/api/points/communities', session.data?.community ?? '');
export const me = () => session.data?.subject ?? '';
