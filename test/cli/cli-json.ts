/** Runs a CLI command in-process with `--json` on a database file; its last line parsed, or its failure. */
import { failureOf, runCli } from "../../src/cli/run.ts";
import { loadConfig } from "../../src/config.ts";

export async function cli(db: string, args: string[]) {
  const lines: string[] = [];
  try {
    const code = await runCli([...args, "--json"], loadConfig({ ATTENDANCE_DB: db }), (l) => lines.push(l));
    return { code, message: "", json: lines.length ? JSON.parse(lines.at(-1)!) : undefined };
  } catch (err) {
    return { ...failureOf(err), json: undefined };
  }
}
