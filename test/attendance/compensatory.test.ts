import { describe, expect, it } from "vitest";
import { compensatoryBalance, grantForOvertime } from "../../src/attendance/compensatory.ts";
import type { CompensatoryGrant } from "../../src/attendance/types.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";

let nextId = 1;
function grant(date: string, minutes: number): CompensatoryGrant {
  return { id: nextId++, employeeId: 1, source: "overtime", overtimeId: null, date, ...grantForOvertime({ date, minutes }, DEFAULT_POLICY) };
}

describe("compensatory leave from overtime", () => {
  it("grants hours / 8 days, usable through 180 days after the overtime date", () => {
    expect(grantForOvertime({ date: "2025-10-18", minutes: 240 }, DEFAULT_POLICY)).toEqual({ days: 0.5, expiresOn: "2026-04-16" });
    expect(grantForOvertime({ date: "2025-07-04", minutes: 600 }, { hoursPerDay: 8, compensatoryExpiryDays: 180 })).toEqual({ days: 1.25, expiresOn: "2025-12-31" });
    const g = [grant("2025-06-01", 480)];
    expect(compensatoryBalance(g, [], "2025-05-31").remaining).toBe(0);
    expect(compensatoryBalance(g, [], "2025-06-01").remaining).toBe(1);
    expect(compensatoryBalance(g, [], "2025-11-28").remaining).toBe(1);
    expect(compensatoryBalance(g, [], "2025-11-29").remaining).toBe(0);
  });

  it("draws on the oldest grant first, so the newer one outlives the older's expiry", () => {
    const g = [grant("2025-03-01", 480), grant("2025-05-01", 480)];
    const draws = [{ date: "2025-06-02", days: 1, status: "approved" as const }];
    expect(compensatoryBalance(g, draws, "2025-06-30")).toMatchObject({ entitled: 2, used: 1, remaining: 1, expiring: [{ days: 1, expiresOn: "2025-10-28" }] });
    // The March grant expired on Aug 28 fully used; the May one is intact.
    expect(compensatoryBalance(g, draws, "2025-09-01")).toMatchObject({ entitled: 1, used: 0, remaining: 1 });
    expect(compensatoryBalance(g, draws, "2025-10-29").remaining).toBe(0);
  });

  it("splits a draw over grants and says what expires soonest", () => {
    const g = [grant("2025-07-04", 240), grant("2025-08-01", 480)];
    const draws = [{ date: "2025-09-01", days: 1, status: "pending" as const }];
    const b = compensatoryBalance(g, draws, "2025-09-02");
    expect(b).toMatchObject({ entitled: 1.5, used: 0, pending: 1, remaining: 0.5, expiring: [{ days: 0.5, expiresOn: "2026-01-28" }] });
    const both = compensatoryBalance(g, [], "2025-09-02");
    expect(both.expiring).toEqual([{ days: 0.5, expiresOn: "2025-12-31" }, { days: 1, expiresOn: "2026-01-28" }]);
  });

  it("cannot draw on a grant before its overtime happened, and shows what nothing covered as overdrawn", () => {
    const g = [grant("2025-05-10", 480)];
    const draws = [{ date: "2025-05-09", days: 1, status: "approved" as const }];
    expect(compensatoryBalance(g, draws, "2025-05-20")).toMatchObject({ entitled: 1, used: 1, remaining: 0 });
    expect(compensatoryBalance(g, [{ date: "2025-05-12", days: 0.5, status: "approved" }], "2025-05-20").remaining).toBe(0.5);
  });
});
