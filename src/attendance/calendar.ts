import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HolidayDay, HolidayYear } from "./types.ts";
import { weekday } from "./time.ts";

// Declared with the other domain types (the web client reads them too); exported here as before.
export type { HolidayDay, HolidayYear } from "./types.ts";

/** Which dates are working days: Monday to Friday, minus statutory days off, plus make-up working weekends. */
export class WorkCalendar {
  private readonly days = new Map<string, HolidayDay>();

  constructor(days: Iterable<HolidayDay>) {
    for (const d of days) this.days.set(d.date, d);
  }

  isWorkday(date: string): boolean {
    const special = this.days.get(date);
    if (special) return !special.isOffDay;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  /** The statutory entry for a date (a holiday or a make-up working day), if any. */
  special(date: string): HolidayDay | undefined {
    return this.days.get(date);
  }

  /** Every statutory entry, by date. */
  entries(): HolidayDay[] {
    return [...this.days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Years the calendar has statutory data for. */
  years(): number[] {
    return [...new Set([...this.days.keys()].map((d) => Number(d.slice(0, 4))))].sort();
  }
}

/** The calendars shipped in data/holidays (2025 and 2026). */
export function shippedHolidayYears(dir = fileURLToPath(new URL("../../data/holidays", import.meta.url))): HolidayYear[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as HolidayYear);
}

/** Which years have statutory data, and which of this year and next lack it (weekends only there). */
export function calendarCoverage(calendar: WorkCalendar, today: string): { loaded: number[]; missing: number[] } {
  const loaded = calendar.years();
  const year = Number(today.slice(0, 4));
  return { loaded, missing: [year, year + 1].filter((y) => !loaded.includes(y)) };
}
