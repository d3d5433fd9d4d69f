/**
 * Reading a month for everyone: the punches of many people at once (packed by SQLite, read back
 * here) and the staff list kept between calls while nobody's row changes.
 */
import { describe, expect, it } from "vitest";
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
    expect(all.get(wang.id)).toEqual([
      { atMs: t("08:55"), kind: "in", place: { kind: "none", site: null } },
      { atMs: t("12:00"), kind: "in", place: { kind: "field", site: null } },
      { atMs: t("12:00"), kind: "out", place: { kind: "none", site: null } },
      { atMs: t("18:05"), kind: "out", place: { kind: "site", site: 'Tower "B", 3F ] 总部' } },
    ]);
    expect(all.get(chen.id)).toEqual([{ atMs: t("09:01"), kind: "in", place: { kind: "network", site: null } }]);
    const some = await sys.store.punches.byEmployee([chen.id], t("09:00"), t("23:59"));
    expect([...some.keys()]).toEqual([chen.id]);
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
