import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { tempDbPath } from "../helpers.ts";

/** Starts the real server on a free port and resolves with its URL once it says it is listening. */
function startServer(db: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: { ...process.env, ATTENDANCE_DB: db, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, url };
}

describe("an acknowledged punch", () => {
  it("survives kill -9 of the server", async () => {
    const db = tempDbPath();
    const { child, url } = startServer(db);
    // A failed step must not leave the server running after the test.
    const exited = new Promise((r) => child.once("exit", r));
    onTestFinished(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    });
    const base = await url;
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "li" }) });
    const cookie = /^session=[^;]+/.exec(signIn.headers.get("set-cookie") ?? "")![0];
    // The smart punch (auto kind) is accepted at any hour; a check-in after the shift end would not be.
    const res = await fetch(`${base}/api/punches`, { method: "POST", headers: { cookie, "x-requested-with": "fetch" } });
    expect(res.status).toBe(201);
    const { punch } = (await res.json()) as { punch: { id: number } };
    child.kill("SIGKILL");
    await exited;
    const reopened = new Database(db, { readonly: true });
    const row = reopened.prepare("SELECT p.id, e.login FROM punches p JOIN employees e ON e.id = p.employee_id WHERE p.id = ?").get(punch.id);
    reopened.close();
    expect(row).toEqual({ id: punch.id, login: "li" });
  });
});
