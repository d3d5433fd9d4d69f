import { serve } from "@hono/node-server";
import { Agent } from "./agent/index.ts";
import { createApp } from "./http/app.ts";
import { chatCompletionsRoutes } from "./http/routes/chat-completions.ts";
import { databasePath, openSystem } from "./system.ts";

/** config -> deps -> app -> listen. */
const started = performance.now();
const port = Number(process.env.PORT || 8787);
const system = openSystem();
const agent = new Agent(system);
const engines: Record<string, string> = { model: agent.describe() };

const app = createApp({
  ...system,
  health: () => ({ database: databasePath(), engines }),
  publicRoutes: [{ path: "/v1", app: chatCompletionsRoutes({ ...system, agent }) }],
});

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST || "0.0.0.0" }, (info) => {
  if (system.seeded) console.log(`Seeded the demo organisation into ${databasePath()}`);
  for (const line of Object.values(engines)) console.log(`- ${line}`);
  console.log(`Voice attendance assistant on http://localhost:${info.port} (ready in ${Math.round(performance.now() - started)} ms)`);
});

function shutdown() {
  server.close();
  system.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
