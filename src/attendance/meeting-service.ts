/**
 * Meeting check-in (issue 15, "音视频连接"): a meeting with a daily window and participants; a
 * participant who joins it inside the window is checked in (method `meeting`), once per meeting
 * and day. Joins come from Agora's notifications (the channel) or from the product's own call.
 */
import type { z } from "zod";
import type { AttendanceContext } from "./context.ts";
import { DomainError } from "./errors.ts";
import type { Actor } from "./permissions.ts";
import { canManageAll } from "./permissions.ts";
import type { MeetingSchema } from "./schemas.ts";
import type { Employee, Meeting, Punch } from "./types.ts";
import { parseClock, toLocal, weekday } from "./time.ts";

export type MeetingInput = z.output<typeof MeetingSchema>;

/** Who joined: a login (an Agora string account, our own call) or an Agora numeric uid (the employee's id). */
export type Joiner = { login: string } | { uid: number };

/** The note a meeting's check-in carries: which meeting it was. */
const noteOf = (meeting: Meeting) => `meeting:${meeting.id}`;

export class MeetingService {
  constructor(private readonly ctx: AttendanceContext) {}

  async meetings(_actor: Actor): Promise<Meeting[]> {
    return this.ctx.store.meetings.list();
  }

  async addMeeting(actor: Actor, input: MeetingInput): Promise<Meeting> {
    if (!canManageAll(actor)) throw new DomainError("FORBIDDEN", "Only HR can set up meetings that count as presence");
    return this.ctx.store.transaction(async (tx) => {
      const known = new Set((await tx.people.departments()).map((d) => d.code));
      const unknown = input.departments.find((c) => !known.has(c));
      if (unknown) throw new DomainError("NOT_FOUND", `No department ${unknown}`, { what: "department", code: unknown });
      const meeting = await tx.meetings.add({ ...input, channel: input.channel ?? null });
      await this.ctx.audit(tx, actor, "create", "meeting", meeting.id, undefined, meeting);
      return meeting;
    });
  }

  /**
   * Someone joined a meeting's Agora channel at `atMs`: checks them in to each meeting on it whose
   * window is open and which they take part in. Returns the punches made (none for a stranger, a
   * join outside the window, or a second join the same day).
   */
  async joinedChannel(channel: string, who: Joiner, atMs: number): Promise<Punch[]> {
    const employee = await this.joiner(who);
    if (!employee) return [];
    const made: Punch[] = [];
    for (const meeting of await this.ctx.store.meetings.byChannel(channel)) {
      const punch = await this.checkIn(meeting, employee, atMs);
      if (punch) made.push(punch);
    }
    return made;
  }

  /** The signed-in person joined a local-call meeting with their page: checked in when inside the window. */
  async joinedLocal(actor: Employee, meetingId: number): Promise<{ meeting: Meeting; punch: Punch | null }> {
    const meeting = await this.ctx.store.meetings.byId(meetingId);
    if (!meeting || !meeting.active || meeting.channel !== null) throw new DomainError("NOT_FOUND", `No local meeting ${meetingId}`, { what: "meeting", id: meetingId });
    return { meeting, punch: await this.checkIn(meeting, actor, this.ctx.clock()) };
  }

  /** Takes an Agora notice once: false for a notice taken before (Agora resends until answered). */
  takeNotice(noticeId: string): Promise<boolean> {
    return this.ctx.store.meetings.claimNotice(noticeId, this.ctx.clock());
  }

  private async joiner(who: Joiner): Promise<Employee | undefined> {
    if ("login" in who) return this.ctx.store.people.byLogin(who.login);
    return Number.isSafeInteger(who.uid) && who.uid > 0 ? this.ctx.store.people.byId(who.uid) : undefined;
  }

  private async takesPart(meeting: Meeting, e: Employee): Promise<boolean> {
    if (meeting.logins.includes(e.login)) return true;
    const department = await this.ctx.store.people.department(e.departmentId);
    return !!department && meeting.departments.includes(department.code);
  }

  private async inWindow(meeting: Meeting, atMs: number): Promise<{ date: string } | null> {
    const [policy, calendar] = await Promise.all([this.ctx.policy(), this.ctx.calendar()]);
    const local = toLocal(atMs, policy.timeZone);
    const day = meeting.days === "workdays" ? calendar.isWorkday(local.date) : meeting.days.includes(weekday(local.date));
    const open = local.minuteOfDay >= parseClock(meeting.start) && local.minuteOfDay <= parseClock(meeting.end);
    return day && open ? { date: local.date } : null;
  }

  private async checkIn(meeting: Meeting, e: Employee, atMs: number): Promise<Punch | null> {
    if (!meeting.active || !(await this.takesPart(meeting, e))) return null;
    const window = await this.inWindow(meeting, atMs);
    if (!window) return null;
    const minute = Math.floor(atMs / 60_000) * 60_000;
    const dayStart = minute - (toLocal(minute, (await this.ctx.policy()).timeZone).minuteOfDay * 60_000);
    return this.ctx.store.transaction(async (tx) => {
      const today = await tx.punches.between(e.id, dayStart, dayStart + 86_400_000);
      if (today.some((p) => p.method === "meeting" && p.note === noteOf(meeting))) return null;
      const punch = await tx.punches.add({ employeeId: e.id, atMs: minute, kind: "in", method: "meeting", recordedBy: e.id, note: noteOf(meeting) }, this.ctx.clock());
      await this.ctx.audit(tx, e, "punch", "punch", punch.id, undefined, { ...punch, location: null, meeting: meeting.name });
      return punch;
    });
  }
}
