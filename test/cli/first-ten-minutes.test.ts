import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.ts";
import { loadConfig } from "../../src/config.ts";
import { createApp } from "../../src/http/app.ts";
import { openSystem } from "../../src/system.ts";
import { BAD_ROWS, CHINESE, STAFF, writeCsv } from "../http/staff-files.ts";
import { tempDbPath } from "../helpers.ts";

describe("a company's first ten minutes", () => {
  // One process for the password (it reads stdin) and scrypt at N=2^17 twice: slow on a loaded machine.
  it("init on an empty database, import the staff list, then an imported person signs in", { timeout: 240_000 }, async () => {
    const db = tempDbPath();
    const config = loadConfig({ ATTENDANCE_DB: db });
    const run = async (args: string[]) => {
      const lines: string[] = [];
      const code = await runCli([...args, "--json"], config, (l) => lines.push(l));
      return { code, out: JSON.parse(lines.at(-1)!) as Record<string, unknown> };
    };
    const init = await run(["init", "--admin", "alice", "--name", "Alice Admin"]);
    expect(init.out).toMatchObject({ login: "alice", oneTimePassword: expect.any(String) });

    const dir = path.dirname(db);
    const bad = await run(["import", writeCsv(dir, "bad.csv", CHINESE, [...STAFF, ...BAD_ROWS], true), "--create-departments"]);
    expect(bad.code).toBe(1);
    expect((bad.out.errors as unknown[]).length).toBe(3);
    const file = writeCsv(dir, "staff.csv", CHINESE, STAFF, true);
    const dry = await run(["import", file, "--dry-run", "--create-departments"]);
    expect(dry).toMatchObject({ code: 0, out: { applied: false, counts: { create: 5 } } });
    const real = await run(["import", file, "--create-departments"]);
    expect(real).toMatchObject({ code: 0, out: { applied: true, counts: { create: 5 } } });

    const password = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", "password", "lina"], { env: { ...process.env, ATTENDANCE_DB: db }, input: "lina's long passphrase\n", encoding: "utf8" });
    expect(password.status).toBe(0);

    const sys = await openSystem({ db, config: loadConfig({ DEMO_MODE: "0" }) });
    try {
      const app = createApp(sys);
      const signIn = await app.request("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "lina", password: "lina's long passphrase" }) });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
      const me = (await (await app.request("/api/me", { headers: { cookie } })).json()) as { login: string; name: string };
      expect(me).toMatchObject({ login: "lina", name: "李娜" });
    } finally {
      await sys.close();
    }
  });
});
