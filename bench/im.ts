/**
 * Chat callbacks on loopback: the whole server with WeCom configured against the local WeCom of
 * the tests. For each message, the time until WeCom's callback is answered, and until the reply
 * is handed to WeCom's message/send (the local model answering). One JSON line per figure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { loadConfig } from "../src/config.ts";
import { buildServer } from "../src/system.ts";
import { startFakeWecom, wecomEnv, wecomCallback, wecomTextXml } from "../test/im/fakes/wecom.ts";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x: number) => Math.round(x * 10) / 10;

export async function benchIm(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "im-bench-"));
  const fake = await startFakeWecom();
  const config = loadConfig(wecomEnv(fake.url));
  const system = await buildServer(config, { db: path.join(dir, "im.db"), seed: "org", distDir: dir });
  const server = serve({ fetch: system.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  // Many senders: WeCom allows 30 messages a minute to one member, and the outbox keeps to it.
  const people = (await system.core.people.demoPeople()).map((p) => p.login);
  for (const p of people) fake.users.add(p);
  const answered: number[] = [];
  const replied: number[] = [];
  try {
    for (let i = 0; i < 80; i++) {
      const from = people[i % people.length];
      const { query, body } = wecomCallback(wecomTextXml(from, "这个月考勤怎么样", `bench-${i}`, Date.now()), Date.now());
      const before = fake.sent.length;
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/im/wecom/callback?${query}`, { method: "POST", body });
      await res.text();
      answered.push(performance.now() - t0);
      while (fake.sent.length === before) await new Promise((r) => setImmediate(r));
      const sent = fake.requests.findLast((r) => r.path === "/cgi-bin/message/send")!;
      replied.push(sent.hr - t0);
    }
    // The same request with a wrong signature: verification and the answer alone, no work after.
    const refused: number[] = [];
    for (let i = 0; i < 80; i++) {
      const { query, body } = wecomCallback(wecomTextXml("wang", "打卡", `refused-${i}`, Date.now()), Date.now());
      query.set("msg_signature", "0".repeat(40));
      const t0 = performance.now();
      await (await fetch(`http://127.0.0.1:${port}/im/wecom/callback?${query}`, { method: "POST", body })).text();
      refused.push(performance.now() - t0);
    }
    const warm = (xs: number[]) => xs.slice(10);
    const line = (bench: string, xs: number[], target: string) =>
      console.log(JSON.stringify({ bench, unit: "ms", p50: round(pct(warm(xs), 0.5)), p95: round(pct(warm(xs), 0.95)), n: warm(xs).length, target }));
    line("im wecom: inbound message -> callback answered", answered, "p50 < 20");
    line("im wecom: inbound message -> reply handed to the platform API", replied, "p50 < 50 (local model)");
    line("im wecom: forged callback -> 401 (verification alone)", refused, "baseline");
  } finally {
    server.close();
    await system.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
