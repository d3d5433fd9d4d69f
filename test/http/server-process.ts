/** The real server in a child process, on a free port, for tests that need a socket. */
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach } from "vitest";

const running: ChildProcess[] = [];
afterEach(async () => {
  while (running.length) {
    const child = running.pop()!;
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  }
});

/**
 * Starts `src/server.ts` with `env` on a free port; resolves once it says it is listening, with
 * the URL to reach it on 127.0.0.1 and everything it has printed so far (`log()` for later).
 */
export async function startServer(env: Record<string, string>): Promise<{ url: string; log: () => string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DEMO_MODE: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /(https?):\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(`${m[1]}://127.0.0.1:${m[2]}`);
    });
    child.stderr!.on("data", (d) => (out += d));
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { url, log: () => out, child };
}

/** The `name=value` part of a response's session cookie. */
export function sessionCookie(res: Response): string {
  const m = /(?:^|, )((?:__Host-)?session=[^;]+)/.exec(res.headers.get("set-cookie") ?? "");
  if (!m) throw new Error(`no session cookie in ${res.headers.get("set-cookie")}`);
  return m[1];
}
