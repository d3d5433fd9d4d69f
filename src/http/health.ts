/** What /api/health and the start-up lines report about each engine and optional part. */

/** One engine or optional part (speech-to-text, the model, Agora, the holiday calendars). */
export interface PartStatus {
  /** Short and stable: "stt", "tts", "model", "agora", "holidays". */
  name: string;
  /** Whether it works now. */
  ready: boolean;
  /** What is missing when it is not ready: variables to set, packages or data to install. */
  missing: string[];
  /** One line: what runs (when ready) or what to do (when not). */
  hint: string;
}

/** The health report: always `ok` when the server answers. */
export interface Health {
  ok: true;
  /** Demo sign-in by picking a person is on. */
  demoMode: boolean;
  /** The database file in use. */
  database?: string;
  engines: PartStatus[];
}

/** The start-up line of a part: "stt: ready (sphinx, English)" / "stt: not ready, missing …: do …". */
export function statusLine(p: PartStatus): string {
  if (p.ready) return `${p.name}: ready (${p.hint})`;
  return `${p.name}: not ready${p.missing.length ? `, missing ${p.missing.join(", ")}` : ""} (${p.hint})`;
}
