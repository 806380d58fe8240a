/** Dates in Asia/Shanghai (the community's time) and money from integer fen. */
import { lang } from './i18n';

export const ZONE = 'Asia/Shanghai';

/** Today's date in the community (YYYY-MM-DD). */
export function today(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A date (YYYY-MM-DD) plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, weekday === 0 ? -6 : 1 - weekday);
}

/** Noon in the community on that date: a safe instant to format a date in Asia/Shanghai. */
/** Noon in Shanghai of a day ("2026-12-01"); an instant ("2026-12-01T02:00:00Z") is taken as it is. */
function noon(date: string): Date {
  return date.length > 10 ? new Date(date) : new Date(`${date}T12:00:00+08:00`);
}

/** "12月1日 星期一" / "Mon, 1 Dec". */
export function formatDay(date: string | null | undefined): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(lang.value, { timeZone: ZONE, month: 'long', day: 'numeric', weekday: 'long' }).format(
    noon(date),
  );
}

/** "2025年12月1日" / "1 Dec 2025". */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  return new Intl.DateTimeFormat(lang.value, { timeZone: ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(
    noon(date),
  );
}

/** A month (YYYY-MM): "2026年12月" / "December 2026". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return '';
  return new Intl.DateTimeFormat(lang.value, { timeZone: ZONE, year: 'numeric', month: 'long' }).format(noon(`${month}-15`));
}

export function formatWeekday(day: string): string {
  const index = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].indexOf(day);
  if (index < 0) return day;
  // 2024-01-01 was a Monday
  return new Intl.DateTimeFormat(lang.value, { timeZone: ZONE, weekday: 'short' }).format(noon(addDays('2024-01-01', index)));
}

/** An instant as a date and time in the community. */
export function formatDateTime(instant: string | number | Date | null | undefined): string {
  if (instant == null) return '';
  return new Intl.DateTimeFormat(lang.value, {
    timeZone: ZONE,
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** An instant as HH:MM in the community. */
export function formatTime(instant: string | number | Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** Integer fen as yuan: 700 → "¥7.00". */
export function yuan(fen: number | null | undefined): string {
  const value = Number(fen ?? 0);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(Math.round(value));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The current moment as the value of an <input type="datetime-local"> in the community's time. */
export function nowLocalInput(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** An <input type="datetime-local"> value, read as community time, as an ISO instant with the +08:00 offset. */
export function localInputToIso(value: string): string {
  return `${value.length === 16 ? `${value}:00` : value}+08:00`;
}

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 4).toUpperCase() : '';
}
