/** What /api/health and the start-up lines report about each engine and optional part. */

/** One engine or optional part (speech-to-text, the model, Agora, the holiday calendars). */
export interface PartStatus {
  /** Short and stable: "stt", "tts", "model", "agora", "holidays". */
  name: string;
  /** Whether it works now. */
  ready: boolean;
  /** What is missing when it is not ready: variables to set, packages or data to install. */
  missing: string[];
  /** The variables of a chat platform that are set (names only, never values). */
  set?: string[];
  /** One line: what runs (when ready) or what to do (when not). */
  hint: string;
}

/**
 * The health report: always `ok` when the server answers. Without sign-in that is all; the
 * signed-in see each part's readiness (hints only for what is not ready); admins everything.
 */
export interface Health {
  ok: true;
  /** Demo sign-in by picking a person is on (admins). */
  demoMode?: boolean;
  /** The database file in use (admins). */
  database?: string;
  engines?: PartStatus[];
}

/** The start-up line of a part: "stt: ready (sphinx, English)" / "stt: not ready, missing …: do …". */
export function statusLine(p: PartStatus): string {
  if (p.ready) return `${p.name}: ready (${p.hint})`;
  return `${p.name}: not ready${p.missing.length ? `, missing ${p.missing.join(", ")}` : ""} (${p.hint})`;
}
