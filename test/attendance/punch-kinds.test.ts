import { describe, expect, it } from "vitest";
import { autoKind, checkInTooLate, kindChangeRefusal, resolveKinds } from "../../src/attendance/punch-kinds.ts";
import { schedule, sh, shift } from "./rules-fixture.ts";

const t = (s: string) => Date.parse(sh(s));

describe("punch kinds", () => {
  it("records auto as in before the shift end when the date has no in-punch yet, else out", () => {
    const end = t("2025-11-03 18:00");
    expect(autoKind([], t("2025-11-03 17:03"), end)).toBe("in");
    expect(autoKind([], t("2025-11-03 18:00"), end)).toBe("out");
    expect(autoKind([{ atMs: t("2025-11-03 08:50"), kind: "in" }], t("2025-11-03 12:00"), end)).toBe("out");
    expect(autoKind([{ atMs: t("2025-11-03 08:50"), kind: "out" }], t("2025-11-03 12:00"), end)).toBe("in");
  });

  it("resolves a batch in time order whatever order it came in, each date on its own", () => {
    const s = schedule("2025-11-03", "2025-11-04");
    const kinds = resolveKinds(s, [], [
      { atMs: t("2025-11-03 18:00"), intent: "auto" },
      { atMs: t("2025-11-04 03:59"), intent: "auto" }, // still the 3rd's window
      { atMs: t("2025-11-04 04:00"), intent: "auto" },
      { atMs: t("2025-11-03 09:00"), intent: "auto" },
      { atMs: t("2025-11-03 12:00"), intent: "in" },
    ]);
    expect(kinds.map((k) => k.kind)).toEqual(["in", "in", "out", "out", "in"]);
  });

  it("sees the punches already stored", () => {
    const s = schedule("2025-11-03", "2025-11-03");
    expect(resolveKinds(s, [{ atMs: t("2025-11-03 08:55"), kind: "in" }], [{ atMs: t("2025-11-03 10:00"), intent: "auto" }])[0].kind).toBe("out");
    expect(resolveKinds(s, [{ atMs: t("2025-11-03 10:00"), kind: "in" }], [{ atMs: t("2025-11-03 08:55"), intent: "auto" }])[0].kind).toBe("in");
  });

  it("refuses a check-in after a workday's shift end, not on a rest day", () => {
    const s = schedule("2025-11-03", "2025-11-08", { roster: { "2025-11-04": shift("NIGHT", "22:00", "06:00") } });
    const i = (d: string) => s.grid.indexOf(d);
    expect(checkInTooLate(s, i("2025-11-03"), t("2025-11-03 18:00"))).toBe(false);
    expect(checkInTooLate(s, i("2025-11-03"), t("2025-11-03 18:01"))).toBe(true);
    expect(checkInTooLate(s, i("2025-11-04"), t("2025-11-05 05:00"))).toBe(false);
    expect(checkInTooLate(s, i("2025-11-08"), t("2025-11-08 19:00"))).toBe(false);
  });

  it("lets only the owner change a punch's kind, within the minutes allowed, never a correction", () => {
    const p = { employeeId: 5, recordedAtMs: t("2025-11-03 09:00"), method: "web" as const };
    expect(kindChangeRefusal(p, 5, t("2025-11-03 09:10"), 10)).toBeNull();
    expect(kindChangeRefusal(p, 5, t("2025-11-03 09:11"), 10)).toBe("TOO_LATE");
    expect(kindChangeRefusal(p, 6, t("2025-11-03 09:01"), 10)).toBe("NOT_OWN");
    expect(kindChangeRefusal({ ...p, method: "correction" }, 5, t("2025-11-03 09:01"), 10)).toBe("CORRECTION");
  });
});

describe("work date windows", () => {
  it("opens 5 hours before the shift and lasts 24 hours: 04:00 for 09:00, 17:00 for a 22:00 night shift", () => {
    const s = schedule("2025-11-03", "2025-11-05", { roster: { "2025-11-04": shift("NIGHT", "22:00", "06:00") } });
    const date = (iso: string) => s.grid.dates[s.dateIndexOf(t(iso))];
    expect(date("2025-11-03 04:00")).toBe("2025-11-03");
    expect(date("2025-11-03 03:59")).toBe("2025-11-02");
    // The 3rd's window ends at 04:00 on the 4th and the night's opens at 17:00: in the gap, the nearer shift wins.
    expect(date("2025-11-04 05:00")).toBe("2025-11-03");
    expect(date("2025-11-04 10:00")).toBe("2025-11-04");
    expect(date("2025-11-04 17:00")).toBe("2025-11-04");
    // The night's window (to 17:00 on the 5th) overlaps the 5th's (from 04:00): the nearer shift wins again.
    expect(date("2025-11-05 06:30")).toBe("2025-11-04");
    expect(date("2025-11-05 07:31")).toBe("2025-11-05");
    expect(date("2025-11-05 16:59")).toBe("2025-11-05");
  });
});
