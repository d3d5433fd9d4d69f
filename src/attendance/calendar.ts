import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { weekday } from "./time.ts";

/** One entry of a statutory calendar, in the `holiday-cn` format. */
export interface HolidayDay {
  name: string;
  date: string;
  /** true: a statutory day off; false: a make-up working day (调休上班), usually a weekend. */
  isOffDay: boolean;
}

/** A year file in the `holiday-cn` JSON format. */
export interface HolidayYear {
  year: number;
  days: HolidayDay[];
}

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
