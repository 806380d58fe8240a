/**
 * CSV built in the browser from the service's figures: RFC 4180 quoting, CRLF line ends and a UTF-8 byte order mark
 * so Excel opens Chinese text correctly. Money is given in yuan with two decimals (stored in integer fen). Pure,
 * unit-tested.
 */

export const BOM = '\uFEFF';

/** One cell: quoted when it holds a comma, a quote, a line break or leading/trailing space. */
export function csvCell(value: string | number | null | undefined): string {
  const text = value == null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file's text (BOM first), rows separated by CRLF. */
export function buildCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Integer fen as yuan without a currency sign, for a spreadsheet: 700 → "7.00", -5 → "-0.05". */
export function fenToYuan(fen: number | null | undefined): string {
  const value = Math.round(Number(fen ?? 0));
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A yuan amount typed by a person ("7", "7.5", "7.50") as integer fen, or null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** canteen-service's Settlement (integer fen). */
export interface SettlementFigures {
  communityId: string;
  from: string;
  to: string;
  meals: number;
  dineIn: number;
  delivered: number;
  missedDeliveries: number;
  totalFen: number;
  elderPaidFen: number;
  subsidyFen: number;
  sponsorFen: number;
  sponsors: Array<{ sponsorId: string; meals: number; sponsorFen: number }>;
}

/** The words a settlement CSV needs (so the file follows the screen's language). */
export interface SettlementHeadings {
  period: string;
  from: string;
  to: string;
  meals: string;
  dineIn: string;
  delivered: string;
  missed: string;
  total: string;
  elderPaid: string;
  subsidy: string;
  sponsor: string;
  sponsorId: string;
}

/** A settlement's rows: one line of totals, then one line per sponsor's share (amounts in yuan). */
export function settlementRows(label: string, s: SettlementFigures, h: SettlementHeadings): string[][] {
  const rows: string[][] = [
    [h.period, h.from, h.to, h.meals, h.dineIn, h.delivered, h.missed, h.total, h.elderPaid, h.subsidy, h.sponsor],
    [
      label,
      s.from,
      s.to,
      String(s.meals),
      String(s.dineIn),
      String(s.delivered),
      String(s.missedDeliveries),
      fenToYuan(s.totalFen),
      fenToYuan(s.elderPaidFen),
      fenToYuan(s.subsidyFen),
      fenToYuan(s.sponsorFen),
    ],
  ];
  if (s.sponsors.length) {
    rows.push([]);
    rows.push([h.sponsorId, h.meals, h.sponsor]);
    for (const sp of s.sponsors) rows.push([sp.sponsorId, String(sp.meals), fenToYuan(sp.sponsorFen)]);
  }
  return rows;
}

/** Several days' settlements as one table (a row per day), amounts in yuan, with a total line. */
export function dailyRows(days: readonly SettlementFigures[], h: SettlementHeadings, totalLabel: string): string[][] {
  const head = [h.from, h.meals, h.dineIn, h.delivered, h.missed, h.total, h.elderPaid, h.subsidy, h.sponsor];
  const line = (label: string, s: Omit<SettlementFigures, 'communityId' | 'from' | 'to' | 'sponsors'>) => [
    label,
    String(s.meals),
    String(s.dineIn),
    String(s.delivered),
    String(s.missedDeliveries),
    fenToYuan(s.totalFen),
    fenToYuan(s.elderPaidFen),
    fenToYuan(s.subsidyFen),
    fenToYuan(s.sponsorFen),
  ];
  const sum = (k: 'meals' | 'dineIn' | 'delivered' | 'missedDeliveries' | 'totalFen' | 'elderPaidFen' | 'subsidyFen' | 'sponsorFen') =>
    days.reduce((n, d) => n + d[k], 0);
  return [
    head,
    ...days.map((d) => line(d.from, d)),
    line(totalLabel, {
      meals: sum('meals'),
      dineIn: sum('dineIn'),
      delivered: sum('delivered'),
      missedDeliveries: sum('missedDeliveries'),
      totalFen: sum('totalFen'),
      elderPaidFen: sum('elderPaidFen'),
      subsidyFen: sum('subsidyFen'),
      sponsorFen: sum('sponsorFen'),
    }),
  ];
}

/** Offers the text as a file download (the browser's own save). */
export function download(filename: string, text: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
