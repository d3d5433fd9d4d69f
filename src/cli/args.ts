import { DomainError } from "../attendance/errors.ts";
import { parseInstant } from "../attendance/time.ts";

/** Minimal argv parsing: `--flag value`, repeatable flags, boolean flags, positionals. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[], booleans: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    // "--set=KEY=VALUE": the name ends at the first "=", the value keeps the rest.
    const eq = a.indexOf("=");
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    const value = inline ?? (booleans.has(name) ? "true" : argv[++i]);
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

export const one = (a: ParsedArgs, name: string): string | undefined => a.flags.get(name)?.at(-1);
export const all = (a: ParsedArgs, name: string): string[] => a.flags.get(name) ?? [];
export const has = (a: ParsedArgs, name: string): boolean => a.flags.has(name);
export function required(a: ParsedArgs, name: string): string {
  const v = one(a, name);
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

/** An instant written with a date, a time and an offset, or INVALID_DATE. */
export function instant(s: string): number {
  const t = parseInstant(s);
  if (t === null) throw new DomainError("INVALID_DATE", `Not an instant with a date, a time and an offset (e.g. 2026-11-20T09:00+08:00): ${s}`);
  return t;
}
