import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/attendance/permissions.ts";
import type { Employee } from "../../src/attendance/types.ts";
import { buildNotify } from "../../src/notify/index.ts";
import { openSystem, type Core } from "../../src/system.ts";
import { CHEAP_HASHING, tempDbPath, testClock } from "../helpers.ts";

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Reads back every decision the scheduler stored, as "login rule occasion status". */
async function decisions(system: Core) {
  const rows = await buildNotify({ services: system, db: system.store.db, email: false, clock: system.clock }).repo.deliveries(10_000);
  return rows.map((r) => `${r.login} ${r.rule} ${r.occasion} ${r.outcome}${r.reason ? ` ${r.reason}` : ""}`).sort();
}

async function open(file: string, clock: () => number) {
  const system = await openSystem({ db: file, clock, seed: "history", passwordHashing: CHEAP_HASHING });
  const notify = buildNotify({ services: system, db: system.store.db, email: false, clock });
  return { system, notify };
}

describe("a day of reminders on the demo organisation (2026-12-02, a Wednesday)", () => {
  it("sends exactly the expected reminders, once each, across a restart at noon and a double tick", async () => {
    const day = "2026-12-02";
    const clock = testClock(at(day, "08:00"));
    const file = tempDbPath();
    let { system, notify } = await open(file, clock);
    const people = (await system.store.people.list()).filter((e) => e.role !== "admin");
    const byLogin = (login: string) => people.find((e) => e.login === login)!;
    // The day's script: who is on leave, who punches when.
    const leave = (login: string, halfDay: "am" | "pm" | null) =>
      system.leave.request(SYSTEM_ACTOR, login, { type: "annual", startDate: day, endDate: day, halfDay }, { approve: true, overdraw: true });
    await leave("liu", null);
    await leave("yang", "am");
    await leave("huang", "pm");
    await notify.repo.setSettings(byLogin("wu").id, { channel: "auto", optOut: ["notCheckedOut"], email: null });
    const script = new Map<string, [string, "in" | "out"][]>();
    const plan = (time: string, login: string, kind: "in" | "out") => script.set(time, [...(script.get(time) ?? []), [login, kind]]);
    for (const e of people) {
      if (["li", "liu", "yang", "zhang"].includes(e.login)) continue;
      plan("08:45", e.login, "in");
      if (!["zhou", "wu", "huang"].includes(e.login)) plan("18:10", e.login, "out");
    }
    plan("09:30", "zhang", "in");
    plan("18:05", "zhang", "out");
    plan("13:00", "yang", "in");
    plan("18:10", "yang", "out");
    plan("12:00", "huang", "out");

    // Who missed a punch on the previous workday, as the month's summary counts it.
    const missingYesterday: string[] = [];
    for (const e of people) {
      if (["liu", "yang"].includes(e.login)) continue; // on leave at 09:30 today
      const d = await system.attendance.day(SYSTEM_ACTOR, e.login, "2026-12-01");
      if (d.missingPunches > 0) missingYesterday.push(`${e.login} missingPunchYesterday 2026-12-01 sent`);
    }

    expect(missingYesterday.length).toBeGreaterThan(0);
    for (let m = minutesOf("08:00"); m <= minutesOf("20:00"); m++) {
      clock.set(at(day, hhmm(m)));
      for (const [login, kind] of script.get(hhmm(m)) ?? []) await system.attendance.punch(people.find((e) => e.login === login) as Employee, { kind, method: "web" });
      if (hhmm(m) === "12:00") {
        // A restart: everything in memory is gone; only the database remembers.
        await system.close();
        ({ system, notify } = await open(file, clock));
      }
      await notify.scheduler.tick();
      if (hhmm(m) === "09:10") expect(await notify.scheduler.tick()).toEqual([]);
    }

    // Managers get their team at 09:45; approvers the requests waiting over a day at 10:00.
    const digests: string[] = [];
    for (const e of people) {
      if (people.some((p) => p.managerId === e.id)) digests.push(`${e.login} teamDigest ${day} sent`);
      const waiting = (await system.leave.pendingFor(e)).filter((l) => l.createdAtMs < Date.parse(at("2026-12-01", "10:00")));
      if (waiting.length) digests.push(`${e.login} approvalPending digest:${day} sent`);
    }
    expect(digests.length).toBeGreaterThan(1);
    const expected = [
      ...digests,
      `li notCheckedIn ${day} sent`,
      `zhang notCheckedIn ${day} sent`,
      `zhou notCheckedOut ${day} sent`,
      `wu notCheckedOut ${day} skipped OPTED_OUT`,
      // On leave when their reminder fell due: logged with the reason, not sent.
      `liu notCheckedIn ${day} skipped ON_LEAVE`,
      `yang notCheckedIn ${day} skipped ON_LEAVE`,
      ...missingYesterday,
    ].sort();
    expect(await decisions(system)).toEqual(expected);
    // Each reached its person once in the app, in their language.
    const li = await notify.repo.notifications(byLogin("li").id, 50);
    expect(li.items.map((n) => n.body)).toContain("嘿，李雷，今天还没打卡哦，是不是忘了？回复'打卡'即可。");
    expect(li.items.filter((n) => n.rule === "notCheckedIn")).toHaveLength(1);
    await system.close();
  }, 240_000);

  it("sends nothing on a public holiday or a weekend", async () => {
    const clock = testClock(at("2026-10-01", "08:00"));
    const { system, notify } = await open(tempDbPath(), clock);
    for (const date of ["2026-10-01", "2026-12-05"]) {
      for (let m = minutesOf("08:00"); m <= minutesOf("20:00"); m += 5) {
        clock.set(at(date, hhmm(m)));
        expect(await notify.scheduler.tick()).toEqual([]);
      }
    }
    await system.close();
  }, 120_000);

  it("hears of a change to the staff made between two ticks, by another process on the same database or by this server", async () => {
    const day = "2026-12-02";
    const clock = testClock(at(day, "08:50"));
    const file = tempDbPath();
    const { system, notify } = await open(file, clock);
    const people = (await system.store.people.list()).filter((e) => e.role !== "admin");
    for (const e of people) if (e.login !== "li") await system.attendance.punch(e, { kind: "in", method: "web" });
    const department = (await system.directory.employee(SYSTEM_ACTOR, "li")).department;
    const hire = (login: string) => ({ login, name: login, department, hireDate: day });
    clock.set(at(day, "09:10"));
    const notCheckedIn = async () => (await notify.scheduler.plan()).filter((p) => p.rule === "notCheckedIn").map((p) => p.employee.login);
    expect(await notCheckedIn()).toEqual(["li"]);
    // Another process (the CLI beside the server) hires someone starting today: the server's next tick reminds them too.
    const other = await openSystem({ db: file, clock, seed: "none", passwordHashing: CHEAP_HASHING });
    await other.directory.addEmployee(SYSTEM_ACTOR, hire("xiaoma"));
    await other.close();
    expect(await notCheckedIn()).toEqual(["li", "xiaoma"]);
    // This server records that li left yesterday and hires another.
    await system.directory.markLeft(SYSTEM_ACTOR, "li", "2026-12-01");
    await system.directory.addEmployee(SYSTEM_ACTOR, hire("xiaoniu"));
    expect(await notCheckedIn()).toEqual(["xiaoma", "xiaoniu"]);
    await system.close();
  }, 120_000);

  it("after downtime sends a missed reminder only while it is still true and useful", async () => {
    const day = "2026-12-02";
    const clock = testClock(at(day, "08:00"));
    const { system, notify } = await open(tempDbPath(), clock);
    const people = (await system.store.people.list()).filter((e) => e.role !== "admin");
    clock.set(at(day, "08:50"));
    for (const e of people) if (!["li", "zhang"].includes(e.login)) await system.attendance.punch(e, { kind: "in", method: "web" });
    // Down from 09:00 to 11:00; zhang arrives at 09:30 meanwhile.
    clock.set(at(day, "09:30"));
    await system.attendance.punch(people.find((e) => e.login === "zhang")!, { kind: "in", method: "web" });
    clock.set(at(day, "11:00"));
    const back = (await notify.scheduler.tick()).filter((p) => p.rule === "notCheckedIn");
    expect(back.map((p) => `${p.employee.login} ${p.rule}`)).toEqual(["li notCheckedIn"]);
    await system.close();

    // Down all day: at 18:05 the morning's reminder is no longer useful.
    const late = testClock(at(day, "08:00"));
    const second = await open(tempDbPath(), late);
    late.set(at(day, "18:05"));
    const planned = await second.notify.scheduler.plan();
    expect(planned.filter((p) => p.rule === "notCheckedIn")).toEqual([]);
    await second.system.close();
  }, 120_000);
});
