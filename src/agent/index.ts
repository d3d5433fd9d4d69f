import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import type { AttendanceServices } from "../attendance/services.ts";
import type { PlaceEvidence } from "../attendance/places.ts";
import type { Employee, PunchMethod } from "../attendance/types.ts";
import { addDays } from "../attendance/time.ts";
import { Conversation } from "./conversation.ts";
import { LocalIntentModel } from "./local-model.ts";
import { effectiveMode, LocalFirstModel, type ModelMode } from "./models.ts";
import { SafeModel } from "./safety.ts";

export { Conversation } from "./conversation.ts";
export type { TurnEvent, TurnRunner } from "./turn.ts";

/** Builds conversations for signed-in users, on the model the configuration chose. */
export class Agent {
  readonly mode: ModelMode;
  private readonly llm: LanguageModelV3 | null;

  constructor(
    private readonly services: AttendanceServices,
    /** The LLM, if one is configured (the composition root builds it), and the mode asked for. */
    options: { llm?: LanguageModelV3 | null; mode?: ModelMode } = {},
  ) {
    this.llm = options.llm ?? null;
    this.mode = effectiveMode(options.mode, this.llm !== null);
  }

  /** One line for start-up and /api/health. */
  describe(): string {
    if (this.mode === "local") return "model: local intent model (set OPENAI_API_KEY to add an LLM for what it does not understand)";
    return `model: ${this.mode} with ${this.llm!.provider}/${this.llm!.modelId}`;
  }

  modelFor(user: Employee): LanguageModelV3 {
    const { attendance } = this.services;
    const local = new LocalIntentModel({
      now: () => new Date(attendance.now()),
      // Read each turn: HR may change the policy or import a calendar while a call goes on. The
      // calendar is the services' one object until an import replaces it, so the intent model's
      // understanding cache, kept per calendar, is shared by every conversation and never stale.
      rules: async () => {
        const [policy, calendar, now] = await Promise.all([attendance.policy(user), attendance.calendar(user), attendance.punchKindNow(user)]);
        // A bare "打卡" records what an auto punch would; before the shift starts nobody is leaving,
        // so it is an arrival again (the earliest check-in still counts), never an early check-out.
        return { timeZone: policy.timeZone, calendar, bareKind: now.beforeShiftStart ? "in" : now.auto };
      },
      userName: (lang) => (lang === "zh" ? user.name : user.nameEn),
      missingPunch: () => latestMissingPunch(this.services, user),
    });
    // Whichever model answers, its state-changing calls pass the safety rules first.
    if (this.mode === "local" || !this.llm) return new SafeModel(local);
    if (this.mode === "llm") return new SafeModel(this.llm);
    return new SafeModel(new LocalFirstModel(local, this.llm));
  }

  /**
   * A conversation for `user`; chat platforms record its punches with method `im`, and `place`
   * gives where the next punch is made (a chat's recent location share), read when one is made.
   */
  conversation(user: Employee, history?: ModelMessage[], options: { punchMethod?: PunchMethod; place?: () => PlaceEvidence | undefined } = {}): Conversation {
    return new Conversation({ services: this.services, user, model: this.modelFor(user), history, punchMethod: options.punchMethod, place: options.place });
  }
}

/** The latest past workday of this month or the last with a punch missing and no correction pending for it. */
async function latestMissingPunch(services: AttendanceServices, user: Employee): Promise<{ date: string; kind: "in" | "out" } | undefined> {
  const today = await services.attendance.today();
  const month = today.slice(0, 7);
  const previous = addDays(`${month}-01`, -1).slice(0, 7);
  const [pending, thisMonth, lastMonth] = await Promise.all([
    services.corrections.list(user, user.login, "pending"),
    services.attendance.monthDays(user, user.login, month),
    services.attendance.monthDays(user, user.login, previous),
  ]);
  const days = [...lastMonth, ...thisMonth].filter((d) => d.date < today && d.missingPunches > 0).reverse();
  for (const d of days) {
    const kind = d.inMinute === null ? "in" : "out";
    if (!pending.some((c) => c.date === d.date && c.kind === kind)) return { date: d.date, kind };
  }
  return undefined;
}
