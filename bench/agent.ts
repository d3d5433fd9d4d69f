/**
 * Agent figures: a local turn from text in to first reply text out, and the first SSE chunk of
 * /v1/chat/completions on loopback. Prints one JSON line per figure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { Agent } from "../src/agent/index.ts";
import { understand } from "../src/agent/intent/index.ts";
import { createApp } from "../src/http/app.ts";
import { openSystem } from "../src/system.ts";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x: number) => Math.round(x * 100) / 100;
const SENTENCES = ["check me in", "what's my attendance this month", "how many days of annual leave do I have left", "帮我查一下这个月的出勤情况", "我还剩几天年假", "show my leave requests"];

// Understanding alone, per sentence: the local model's share of a turn (it was a wall-clock test).
const UNDERSTAND = [
  "I want to take annual leave from December 1st to December 3rd", "帮我请婚假，从12月7号到12月11号",
  "who on my team hasn't checked in today", "how many days of annual leave do I have left", "check me in",
  "我们组今天还有谁没打卡", "calling it a day, check me out", "take tomorrow afternoon off as personal leave",
  "先别给我打下班卡，我还要加会儿班", "明天请一天病价", "昨天早上忘打卡了，其实我八点五十就到了，帮我补个卡",
];

function benchUnderstand(): void {
  const ctx = { now: new Date("2026-11-26T08:55:00+08:00"), timeZone: "Asia/Shanghai" };
  for (let i = 0; i < 50; i++) for (const s of UNDERSTAND) understand(s, ctx);
  const perCall: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    for (const s of UNDERSTAND) understand(s, ctx);
    perCall.push((performance.now() - t0) / UNDERSTAND.length);
  }
  console.log(JSON.stringify({ bench: "understand: one sentence", unit: "ms", p50: round(pct(perCall, 0.5)), p95: round(pct(perCall, 0.95)), n: perCall.length, target: "p50 < 0.5" }));
}

export async function benchAgent(): Promise<void> {
  benchUnderstand();
  const dir = mkdtempSync(path.join(tmpdir(), "agent-bench-"));
  const sys = await openSystem({ db: path.join(dir, "a.db"), seed: "history" });
  try {
    const agent = new Agent(sys);
    const wang = (await sys.people.forSignIn("wang"))!;
    const firstText: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      for await (const e of agent.conversation(wang).run(SENTENCES[i % SENTENCES.length])) {
        if (e.type === "text-delta" && e.text) {
          firstText.push(performance.now() - t0);
          break;
        }
      }
    }
    const warm = firstText.slice(20);
    console.log(JSON.stringify({ bench: "local turn: text in -> first reply text", unit: "ms", p50: round(pct(warm, 0.5)), p95: round(pct(warm, 0.95)), n: warm.length, target: "p50 < 5" }));

    const app = createApp(sys, { agent });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as AddressInfo;
    const token = await sys.auth.issueToken("wang");
    const firstChunk: number[] = [];
    for (let i = 0; i < 120; i++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "x", stream: true, messages: [{ role: "user", content: SENTENCES[i % SENTENCES.length] }] }),
      });
      const reader = res.body!.getReader();
      await reader.read();
      firstChunk.push(performance.now() - t0);
      while (!(await reader.read()).done);
    }
    server.close();
    const warmChunks = firstChunk.slice(20);
    console.log(JSON.stringify({ bench: "/v1/chat/completions first SSE chunk on loopback", unit: "ms", p50: round(pct(warmChunks, 0.5)), p95: round(pct(warmChunks, 0.95)), n: warmChunks.length, target: "p50 < 20" }));
  } finally {
    await sys.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
