import { describe, expect, it } from 'vitest';
import { overflowOf, type Tab } from './tabs';
import { t, type MessageKey } from './i18n';

const tab = (id: string): Tab => ({ id, to: `/${id}` });
const ids = (tabs: Tab[]) => tabs.map((t) => t.id);

describe('the tab bar in elder mode keeps one row', () => {
  const everything = ['lunch', 'orders', 'account', 'visits', 'alerts', 'settings'].map(tab);

  it('moves all but the three tabs used most under "More" when an elder has six', () => {
    expect(ids(overflowOf(everything, true))).toEqual(['account', 'alerts', 'settings']);
  });

  it('keeps four tabs as they are, and never folds anything outside elder mode', () => {
    const four = ['lunch', 'orders', 'account', 'settings'].map(tab);
    expect(overflowOf(four, true)).toEqual([]);
    expect(overflowOf(everything, false)).toEqual([]);
  });

  it('keeps a family member\'s alerts in the bar when there is no visits tab', () => {
    const family = ['lunch', 'orders', 'account', 'alerts', 'settings'].map(tab);
    expect(ids(overflowOf(family, true))).toEqual(['account', 'settings']);
  });

  it('folds a volunteer\'s last tabs too, and every tab "More" may hold says what it is for', () => {
    const volunteer = ['round', 'services', 'wallet', 'rewards', 'classes', 'settings'].map(tab);
    expect(ids(overflowOf(volunteer, true))).toEqual(['rewards', 'classes', 'settings']);
    for (const id of [...ids(volunteer), ...ids(everything)]) {
      const key = `more.hint.${id}` as MessageKey;
      expect(t(key)).not.toBe(key);
    }
  });
});
