export interface Tab {
  id: string;
  to: string;
}

/**
 * In elder mode a tab is at least ~90 px wide (24 px type, 60 px taps): a phone fits four in one row. With more, the
 * bar shows the three an elder uses most and a "More" tab that lists the rest, rather than wrapping into two rows that
 * cover a third of the screen and read as content.
 */
export const ELDER_BAR_TABS = 4;
/** Which tabs keep their place in a short bar, most used first (an elder's, a volunteer's), Settings last. */
const BAR_PRIORITY = ['lunch', 'orders', 'visits', 'alerts', 'round', 'services', 'wallet', 'account', 'rewards', 'classes',
  'settings'];

/** What "More" holds: nothing unless elder mode leaves tabs out of the bar (then all but the three used most). */
export function overflowOf(all: Tab[], elder: boolean): Tab[] {
  if (!elder || all.length <= ELDER_BAR_TABS) return [];
  const shown = [...all].sort((a, b) => rank(a) - rank(b)).slice(0, ELDER_BAR_TABS - 1).map((tab) => tab.id);
  return all.filter((tab) => !shown.includes(tab.id));
}

function rank(tab: Tab): number {
  const at = BAR_PRIORITY.indexOf(tab.id);
  return at < 0 ? BAR_PRIORITY.length : at;
}
