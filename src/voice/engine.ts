/**
 * What every speech engine shares: a one-line readiness report, language tags, and the abort
 * error convention.
 */

import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { executableSearchPath } from "../config.ts";

/** Whether `path` is a file this process may execute. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of an executable found on the search path (the system's PATH), or undefined. */
export function findExecutable(name: string, searchPath: string = executableSearchPath()): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Whether an engine can run here, and if not, the one thing to do about it. */
export interface EngineStatus {
  ok: boolean;
  /** One line saying what to install or configure, e.g. "apt-get install pocketsphinx pocketsphinx-en-us". */
  missing?: string;
}

export { detectLanguage, type Language } from "../attendance/language.ts";

/** The error an aborted call rejects with (name "AbortError", like fetch). */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  const err = new Error("the operation was aborted");
  err.name = "AbortError";
  return err;
}

/** True for errors caused by an abort (ours, fetch's, or the OpenAI client's). */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "APIUserAbortError");
}

/** Throws the abort error if `signal` is already aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

