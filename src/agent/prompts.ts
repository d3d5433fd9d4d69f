import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AttendanceServices } from "../attendance/services.ts";
import { formatClock, toLocal } from "../attendance/time.ts";
import type { Employee } from "../attendance/types.ts";
import type { Lang } from "./replies.ts";

const template = (lang: Lang) =>
  readFileSync(fileURLToPath(new URL(`../../prompts/system.${lang === "zh" ? "zh-CN" : "en"}.md`, import.meta.url)), "utf8");
const TEMPLATES: Record<Lang, string> = { en: template("en"), zh: template("zh") };

const ROLE_NAMES: Record<Lang, Record<Employee["role"], string>> = {
  en: { employee: "employee", manager: "manager", hr: "HR", admin: "administrator" },
  zh: { employee: "员工", manager: "经理", hr: "人事", admin: "管理员" },
};
const WEEKDAYS: Record<Lang, string[]> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  zh: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
};

/** The system prompt for one user at one moment, in the language they speak. */
export function systemPrompt(lang: Lang, p: { user: Employee; department: string; today: string; time: string; timeZone: string; company?: string }): string {
  const values: Record<string, string> = {
    company: p.company ?? (lang === "zh" ? "公司" : "the company"),
    name: lang === "zh" ? p.user.name : p.user.nameEn,
    role: ROLE_NAMES[lang][p.user.role],
    department: p.department,
    today: p.today,
    weekday: WEEKDAYS[lang][new Date(`${p.today}T00:00:00Z`).getUTCDay()],
    timeZone: p.timeZone,
    time: p.time,
  };
  return TEMPLATES[lang].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}

/** The system prompt for `user` right now, from the services' clock, policy and departments. */
export async function systemPromptFor(services: Pick<AttendanceServices, "attendance" | "people">, user: Employee, lang: Lang): Promise<string> {
  const [policy, dept] = await Promise.all([services.attendance.policy(user), services.people.department(user)]);
  const now = toLocal(services.attendance.now(), policy.timeZone);
  return systemPrompt(lang, { user, department: (lang === "zh" ? dept?.name : dept?.nameEn) ?? "", today: now.date, time: formatClock(now.minuteOfDay), timeZone: policy.timeZone });
}
