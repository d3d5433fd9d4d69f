import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import type { LeaveService } from "../attendance/leave-service.ts";
import type { AttendanceService } from "../attendance/service.ts";
import type { Employee } from "../attendance/types.ts";
import { parseClock } from "../attendance/time.ts";
import { Conversation } from "./conversation.ts";
import type { IntentCalendar } from "./intent/index.ts";
import { LocalIntentModel } from "./local-model.ts";
import { effectiveMode, LocalFirstModel, type ModelMode } from "./models.ts";

export { Conversation } from "./conversation.ts";
export type { TurnEvent, TurnRunner } from "./turn.ts";

/** Builds conversations for signed-in users, on the model the configuration chose. */
export class Agent {
  readonly mode: ModelMode;
  private readonly llm: LanguageModelV3 | null;

  constructor(
    private readonly deps: { attendance: AttendanceService; leave: LeaveService },
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

  /** The working calendar as the local model reads it; one object, so its understanding cache is shared. */
  private readonly calendar: IntentCalendar = {
    isWorkday: (date) => this.deps.attendance.ctx.calendar().isWorkday(date),
    entries: () => this.deps.attendance.ctx.store.holidays(),
  };

  modelFor(user: Employee): LanguageModelV3 {
    const ctx = this.deps.attendance.ctx;
    const local = new LocalIntentModel({
      now: () => new Date(ctx.clock()),
      timeZone: ctx.policy().timeZone,
      userName: (lang) => (lang === "zh" ? user.name : user.nameEn),
      calendar: this.calendar,
      punchOutAfterMinute: parseClock(ctx.policy().midpoint),
    });
    if (this.mode === "local" || !this.llm) return local;
    if (this.mode === "llm") return this.llm;
    return new LocalFirstModel(local, this.llm);
  }

  conversation(user: Employee, history?: ModelMessage[]): Conversation {
    return new Conversation({ ...this.deps, user, model: this.modelFor(user), history });
  }
}
