/**
 * Reading a month for everyone: the punches of many people at once (packed by SQLite, read back
 * here), the staff list kept between calls while nobody's row changes, and the summary judging a
 * month without listing each day's punches.
 */
import { describe, expect, it } from "vitest";
import { judgeDays, type JudgedPunch } from "../../src/attendance/judge.ts";
import { summarizeMonth } from "../../src/attendance/summary.ts";
import { DEFAULT_POLICY } from "../../src/attendance/types.ts";
import { schedule, sh, shift } from "./rules-fixture.ts";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import { NO_PLACE } from "../../src/attendance/store/punches.ts";
import type { PunchPlace } from "../../src/attendance/types.ts";
import { openSystem } from "../../src/system.ts";
import { CHEAP_HASHING, demoSystem, tempDbPath, testClock } from "../helpers.ts";

const t = (hhmm: string) => Date.parse(`2026-11-25T${hhmm}:00+08:00`);
const site = (name: string): PunchPlace => ({ ...NO_PLACE, kind: "site", siteId: null, site: name });

describe("everyone's punches of a stretch", () => {
  it("come back per person in time order with their kind, place and site, whatever the site's name holds; a rejected field punch does not count", async () => {
    const sys = await demoSystem();
    const [wang, chen] = [sys.user("wang"), sys.user("chen")];
    const add = (who: number, hhmm: string, kind: "in" | "out", place?: PunchPlace) => sys.store.punches.add({ employeeId: who, atMs: t(hhmm), kind, method: "api", recordedBy: who, place }, t(hhmm));
    // Recorded out of time order, and two at the same instant recorded "out" first.
    await add(wang.id, "18:05", "out", site('Tower "B", 3F ] 总部'));
    await add(wang.id, "08:55", "in");
    await add(wang.id, "12:00", "out");
    await add(wang.id, "12:00", "in", { ...NO_PLACE, kind: "field", remark: "client visit" });
    await add(wang.id, "13:00", "in", { ...NO_PLACE, kind: "field", remark: "again", review: "rejected" });
    await add(chen.id, "09:01", "in", { ...NO_PLACE, kind: "network" });
    const all = await sys.store.punches.byEmployee(null, t("00:00"), t("23:59"));
    expect(all.of(wang.id)).toEqual([
      { atMs: t("08:55"), kind: "in", place: { kind: "none", site: null } },
      { atMs: t("12:00"), kind: "in", place: { kind: "field", site: null } },
      { atMs: t("12:00"), kind: "out", place: { kind: "none", site: null } },
      { atMs: t("18:05"), kind: "out", place: { kind: "site", site: 'Tower "B", 3F ] 总部' } },
    ]);
    expect(all.of(chen.id)).toEqual([{ atMs: t("09:01"), kind: "in", place: { kind: "network", site: null } }]);
    const some = await sys.store.punches.byEmployee([chen.id], t("09:00"), t("23:59"));
    expect([some.has(chen.id), some.has(wang.id), some.of(wang.id)]).toEqual([true, false, []]);
    // The same instant in the month's summary: one field punch counted, the rejected one not.
    expect((await sys.attendance.monthlySummary(SYSTEM_ACTOR, "wang", "2026-11")).fieldPunchCount).toBe(1);
    await sys.close();
  });
});

describe("the staff list kept between calls", () => {
  it("shows a hire by another process on the same database and a leaving recorded here in the next month's summaries", async () => {
    const file = tempDbPath();
    const clock = testClock("2026-11-26T18:30:00+08:00");
    const sys = await openSystem({ db: file, clock, seed: "org", passwordHashing: CHEAP_HASHING });
    const logins = async () => (await sys.attendance.monthlySummaries(SYSTEM_ACTOR, "2026-11")).map((s) => s.login);
    const before = await logins();
    expect(before).toContain("li");
    const department = (await sys.directory.employee(SYSTEM_ACTOR, "li")).department;
    const other = await openSystem({ db: file, clock, seed: "none", passwordHashing: CHEAP_HASHING });
    await other.directory.addEmployee(SYSTEM_ACTOR, { login: "xiaoma", name: "小马", department, hireDate: "2026-11-20" });
    await other.close();
    expect(await logins()).toEqual([...before, "xiaoma"]);
    await sys.directory.markLeft(SYSTEM_ACTOR, "xiaoma", "2026-11-20");
    await sys.directory.addEmployee(SYSTEM_ACTOR, { login: "xiaoniu", name: "小牛", department, hireDate: "2026-12-01" });
    // A leaver stays in the month they worked; someone hired next month is not in this one.
    expect(await logins()).toEqual([...before, "xiaoma"]);
    expect((await sys.attendance.monthlySummaries(SYSTEM_ACTOR, "2026-12")).map((s) => s.login)).toContain("xiaoniu");
    const everyone = await sys.store.people.list();
    expect(() => Object.assign(everyone[0], { name: "changed" })).toThrow(TypeError);
    await sys.close();
  });
});

describe("a month judged for its summary", () => {
  it("sums the same as the month's listed days, whatever order the punches come in, over a night shift and the month's edges", () => {
    const night = shift("NIGHT", "22:00", "06:00");
    const sched = schedule("2025-12-01", "2025-12-31", { roster: { "2025-12-29": night, "2025-12-30": night, "2025-12-31": night } });
    const p = (local: string, kind: "in" | "out", place?: JudgedPunch["place"]): JudgedPunch => ({ atMs: Date.parse(sh(local)), kind, place });
    const punches = [
      p("2025-11-30 18:00", "out"), // the day before the month: not judged
      p("2025-12-01 08:55", "in"),
      p("2025-12-01 18:02", "out", { kind: "field", site: null }),
      p("2025-12-02 09:20", "in"),
      p("2025-12-02 09:20", "in", { kind: "site", site: "总部" }),
      p("2025-12-02 17:00", "out"),
      p("2025-12-03 12:00", "out"),
      p("2025-12-29 21:55", "in"),
      p("2025-12-30 06:03", "out"),
      p("2025-12-30 22:12", "in", { kind: "field", site: null }),
      p("2025-12-31 05:40", "out"),
      p("2026-01-01 05:40", "out"), // the night of the 31st, past the month's last midnight
    ];
    const input = {
      employee: { login: "wang", hireDate: "2021-03-15" },
      policy: DEFAULT_POLICY,
      schedule: sched,
      punches,
      leaves: [{ type: "annual" as const, startDate: "2025-12-19", endDate: "2025-12-19", halfDay: null }],
      nowMs: Date.parse("2026-01-05T12:00:00+08:00"),
      correctionDates: [],
      overtime: [],
    };
    const days = judgeDays(input);
    expect(days.find((d) => d.date === "2025-12-31")!.punches.map((x) => x.minute)).toEqual([1440 + 340]);
    expect(days.find((d) => d.date === "2025-12-02")!.punches.map((x) => x.place)).toEqual(["none", "site", "none"]);
    const summary = summarizeMonth(input, days);
    expect(summary).toMatchObject({ fieldPunchCount: 2, attendedDays: 6, lateCount: 2, shiftCode: "DEFAULT" });
    expect(summarizeMonth(input)).toEqual(summary);
    // Punches of the same instant keep the order given (the two at 09:20 on the 2nd stay in it here).
    const rotated = [...punches.slice(6), ...punches.slice(0, 6)];
    expect(judgeDays({ ...input, punches: rotated })).toEqual(days);
    for (const reordered of [rotated, [...punches].reverse()]) expect(summarizeMonth({ ...input, punches: reordered })).toEqual(summary);
  });
});
