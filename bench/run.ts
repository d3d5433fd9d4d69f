/** `npm run bench`: every benchmark, one JSON line per figure. Pass names to run some: core http sign-in agent im reminders directory voice. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent } from "../src/agent/index.ts";
import { openSystem } from "../src/system.ts";

const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

if (want("core")) await (await import("./core.ts")).benchCore();
if (want("http")) await (await import("./core.ts")).benchHttp();
if (want("sign-in")) await (await import("./sign-in.ts")).benchSignIn();
if (want("agent")) await (await import("./agent.ts")).benchAgent();
if (want("im")) await (await import("./im.ts")).benchIm();
if (want("reminders")) await (await import("./reminders.ts")).benchReminders();
if (want("directory")) await (await import("./directory.ts")).benchDirectory();
if (want("voice")) {
  // The real agent on a scratch copy of the demo organisation answers the spoken requests.
  const dir = mkdtempSync(path.join(tmpdir(), "voice-bench-"));
  const sys = await openSystem({ db: path.join(dir, "voice.db"), seed: "history" });
  const agent = new Agent(sys);
  const wang = (await sys.people.forSignIn("wang"))!;
  try {
    await (await import("./voice.ts")).benchVoice({ runnerFactory: () => agent.conversation(wang) });
  } finally {
    await sys.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
