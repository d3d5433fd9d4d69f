/**
 * The agents this process started and has not stopped yet. Agora bills while an agent runs and
 * its per-agent key can act as the employee, so the server must be able to stop every one of them:
 * on request, when a newer session replaces it, when its token has expired, and on shutdown.
 */

/** One running Conversational AI agent. */
export interface RunningAgent {
  /** Agora's id for the agent, from `join`. */
  agentId: string;
  /** Login of the employee the agent acts for. */
  employeeLogin: string;
  /** The per-agent LLM key Agora presents on /v1/chat/completions; revoke it when the agent stops. */
  agentKey: string;
  channel: string;
  /** The employee's RTC uid in the channel. */
  userUid: number;
  /** The agent's RTC uid in the channel. */
  agentUid: number;
  startedAt: Date;
}

/** In-memory registry of running agents, with an injected clock. */
export class AgentRegistry {
  readonly #agents = new Map<string, RunningAgent>();
  readonly #now: () => Date;

  constructor(options: { now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Current time by the registry's clock. */
  now(): Date {
    return this.#now();
  }

  /** Records a started agent; `startedAt` defaults to now. */
  add(agent: Omit<RunningAgent, "startedAt"> & { startedAt?: Date }): RunningAgent {
    const running = { ...agent, startedAt: agent.startedAt ?? this.#now() };
    this.#agents.set(running.agentId, running);
    return running;
  }

  get(agentId: string): RunningAgent | undefined {
    return this.#agents.get(agentId);
  }

  /** Forgets an agent and returns it, if it was known. */
  remove(agentId: string): RunningAgent | undefined {
    const agent = this.#agents.get(agentId);
    this.#agents.delete(agentId);
    return agent;
  }

  /** All running agents, oldest first. */
  list(): RunningAgent[] {
    return [...this.#agents.values()];
  }

  /** The running agents of one employee. */
  forEmployee(login: string): RunningAgent[] {
    return this.list().filter((agent) => agent.employeeLogin === login);
  }

  /** Agents started more than `maxAgeMs` ago (their RTC token, hence the agent, is gone). */
  olderThan(maxAgeMs: number): RunningAgent[] {
    const cutoff = this.#now().getTime() - maxAgeMs;
    return this.list().filter((agent) => agent.startedAt.getTime() < cutoff);
  }

  get size(): number {
    return this.#agents.size;
  }

  /**
   * Stops every agent with `stop` (which should call Agora's leave and revoke the key), all at
   * once, and forgets each one whether or not its stop succeeded: on shutdown nothing can retry.
   */
  async stopAll(stop: (agent: RunningAgent) => Promise<void>): Promise<{ stopped: number; failed: number }> {
    const agents = this.list();
    const results = await Promise.allSettled(
      agents.map(async (agent) => {
        try {
          await stop(agent);
        } finally {
          this.#agents.delete(agent.agentId);
        }
      }),
    );
    const failed = results.filter((result) => result.status === "rejected").length;
    return { stopped: agents.length - failed, failed };
  }
}
