/** The words of each reminder, from prompts/, in the recipient's language, with the next step. */
import { phrase, spokenDates, type Lang } from "../agent/replies.ts";
import type { Employee } from "../attendance/types.ts";
import type { TextMessage } from "../im/message.ts";
import type { DueReminder } from "./rules.ts";

const nameIn = (lang: Lang, e: Pick<Employee, "name" | "nameEn">) => (lang === "zh" ? e.name : e.nameEn);

/** A shift or missing-punch reminder as a message: a subject (email, the in-app title) and its text. */
export function reminderMessage(employee: Employee, due: DueReminder): TextMessage & { subject: string } {
  const lang = employee.language;
  const params = { ...due.params, name: nameIn(lang, employee), day: typeof due.params.date === "string" ? spokenDates(lang, due.params.date, due.params.date) : "" };
  const key = due.rule === "missingPunchYesterday" ? `notify.missingPunchYesterday.${due.params.kind}` : `notify.${due.rule}`;
  return { kind: "text", subject: phrase(lang, `notify.subject.${due.rule}`), text: phrase(lang, key, params) };
}
