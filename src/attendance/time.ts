/**
 * Calendar dates ("YYYY-MM-DD") and wall-clock arithmetic in the company's time zone.
 * Dates are plain strings so they compare and store without any time-zone surprise.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What the zone's clocks show at an instant, field by field (month 1-12, hour 0-23). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Reads an instant on the zone's clocks, as they show it (no offset arithmetic, no cache). */
export function wallClock(instantMs: number, timeZone: string): WallClock {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

// Offsets change at most twice a year, always on a quarter hour of UTC (some zones switch at
// :30 or :45), so caching per quarter hour is exact and keeps 1,000-employee summaries cheap.
const offsetCache = new Map<string, number>();
/** Minutes the zone is ahead of UTC at `instantMs`. */
export function zoneOffsetMinutes(timeZone: string, instantMs: number): number {
  const quarterKey = `${timeZone}|${Math.floor(instantMs / 900_000)}`;
  const cached = offsetCache.get(quarterKey);
  if (cached !== undefined) return cached;
  const w = wallClock(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const offset = Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE_MS);
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(quarterKey, offset);
  return offset;
}

/** The wall clock of an instant in a zone. */
export interface LocalTime {
  date: string;
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number;
}

export function toLocal(instantMs: number, timeZone: string): LocalTime {
  const shifted = instantMs + zoneOffsetMinutes(timeZone, instantMs) * MINUTE_MS;
  const date = new Date(shifted).toISOString().slice(0, 10);
  const minuteOfDay = Math.floor((((shifted % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  return { date, minuteOfDay };
}

/** The instant at which `date` shows `minuteOfDay` on the zone's clocks (minute may exceed 1439). */
export function fromLocal(date: string, minuteOfDay: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  // Two passes settle the offset around a transition.
  let instant = naive - zoneOffsetMinutes(timeZone, naive) * MINUTE_MS;
  instant = naive - zoneOffsetMinutes(timeZone, instant) * MINUTE_MS;
  return instant;
}

export function localDate(instantMs: number, timeZone: string): string {
  return toLocal(instantMs, timeZone).date;
}

/** "HH:MM" -> minutes since midnight. */
export function parseClock(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`bad clock time ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes since midnight -> "HH:MM" (wrapping past midnight). */
export function formatClock(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthRange(month: string): { first: string; last: string } {
  const last = new Date(Date.parse(`${month}-01T00:00:00Z`));
  last.setUTCMonth(last.getUTCMonth() + 1, 0); // day 0 of the next month: the last of this one
  return { first: `${month}-01`, last: last.toISOString().slice(0, 10) };
}

/** Years an attendance date can have: anything else is a typo, and would make range work explode. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isValidMonth(s: string): boolean {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * An instant written with a date, a time and an explicit offset ("2026-11-20T09:00+08:00" or
 * "...Z"); null otherwise. Without an offset a time would be read in whatever zone the server runs.
 */
export function parseInstant(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) || !isValidDate(s.slice(0, 10)) ? null : t;
}
