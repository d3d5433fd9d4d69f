/** Statutory calendars: holidays and make-up working days, by date. */
import type { HolidayDay } from "../types.ts";
import type { SqlDb } from "./sql.ts";

export class HolidayRepository {
  constructor(private readonly db: SqlDb) {}

  async all(): Promise<HolidayDay[]> {
    const rows = await this.db.all<{ date: string; name: string; is_off_day: number }>("SELECT * FROM holidays ORDER BY date");
    return rows.map((r) => ({ date: r.date, name: r.name, isOffDay: Number(r.is_off_day) === 1 }));
  }

  /** Replaces a year's statutory days with `days`, all or nothing. */
  async replaceYear(year: number, days: HolidayDay[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run("DELETE FROM holidays WHERE date LIKE ?", [`${year}-%`]);
      for (const d of days) await tx.run("INSERT INTO holidays (date, name, is_off_day) VALUES (?, ?, ?)", [d.date, d.name, d.isOffDay ? 1 : 0]);
    });
  }
}
