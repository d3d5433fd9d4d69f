/** Settings: the work policy and values the system keeps with its data (the token secret). */
import { storedPolicy } from "../policy.ts";
import type { Policy } from "../types.ts";
import { DEFAULT_POLICY } from "../types.ts";
import type { SqlDb } from "./sql.ts";

export class SettingsRepository {
  constructor(private readonly db: SqlDb) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.db.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [key]))?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.run("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
  }

  /** The work policy: the defaults with HR's changes over them. */
  async policy(): Promise<Policy> {
    const raw = await this.get("policy");
    return raw ? storedPolicy(JSON.parse(raw)) : DEFAULT_POLICY;
  }

  async setPolicy(policy: Policy): Promise<void> {
    await this.set("policy", JSON.stringify(policy));
  }
}
