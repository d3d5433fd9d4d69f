/**
 * Read-only tools issue 16 adds, and the lookups of people and departments the reading tools
 * share. They call the services only; the services decide who may see what.
 */
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { DomainError } from "../attendance/errors.ts";
import type { AttendanceServices } from "../attendance/services.ts";
import type { Employee } from "../attendance/types.ts";
import type { Lang } from "./replies.ts";
import * as answer from "./query-replies.ts";
import type { ToolOutcome } from "./tools.ts";

const TOPICS = ["hours", "lateness", "corrections", "leave", "overtime"] as const;
const Empty = zodSchema(z.object({}));
const TopicInput = zodSchema(z.object({ topic: z.enum(TOPICS).describe("what the question is about") }));

/** The person a name stands for among those `user` may see; FORBIDDEN when they may see no one. */
export async function resolvePerson(services: AttendanceServices, user: Employee, said: string): Promise<Employee> {
  const s = said.trim().toLowerCase();
  const mine = [user.name, user.nameEn.toLowerCase(), user.login, user.nameEn.toLowerCase().split(" ")[0]];
  if (mine.includes(s)) return user;
  const team = await services.attendance.visibleTeam(user);
  const exact = team.filter((e) => e.name === said.trim() || e.nameEn.toLowerCase() === s || e.login === s);
  if (exact.length === 1) return exact[0];
  // "Wang", "小王", "老王": a surname or a first name, if only one person has it.
  const bare = s.replace(/^[小老]/, "");
  const loose = team.filter((e) => e.name.startsWith(bare) || e.nameEn.toLowerCase().split(" ").includes(bare) || e.name.endsWith(bare));
  if (loose.length === 1) return loose[0];
  if (loose.length > 1) throw new DomainError("INVALID_INPUT", `Several people match ${said}`, { what: "whichPerson", name: said, names: loose.map((e) => e.name).join("、") });
  throw new DomainError("NOT_FOUND", `No one called ${said} among the people you can see`, { what: "person", name: said });
}

/** Asking about someone one may not see is said so, naming them. */
export function notVisible(err: unknown, name: string): DomainError | null {
  return err instanceof DomainError && err.code === "FORBIDDEN" ? new DomainError("FORBIDDEN", err.message, { what: "person", name }) : null;
}

/** getTodayPunches and getPolicy, bound to one signed-in user. */
export function queryTools(services: AttendanceServices, user: Employee, lang: () => Lang, attempt: (lang: () => Lang, fn: (lang: Lang) => Promise<ToolOutcome>) => Promise<ToolOutcome>) {
  const { attendance } = services;
  return {
    getTodayPunches: tool({
      description: "The user's own punches today, with their times: for 'did I check in', 'what time did I punch', 'did my check-out go through'.",
      inputSchema: Empty,
      execute: () =>
        attempt(lang, async (lang) => {
          const [today, policy] = await Promise.all([attendance.today(), attendance.policy(user)]);
          const punches = await attendance.punches(user, user.login, today, today);
          return answer.todayPunches(lang, punches, policy.timeZone);
        }),
    }),
    getPolicy: tool({
      description: "The work rules, with their numbers: shift hours, when a punch counts as late, the monthly correction quota and window, leave rules, overtime and compensatory leave.",
      inputSchema: TopicInput,
      execute: ({ topic }) => attempt(lang, async (lang) => answer.policyAnswer(lang, topic, await attendance.policy(user))),
    }),
  };
}

