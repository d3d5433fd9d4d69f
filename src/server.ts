/** Listens and shuts down; src/system.ts builds everything from the configuration. */
import { createServer as createHttpsServer } from "node:https";
import { serve } from "@hono/node-server";
import { configFromEnvironment } from "./config.ts";
import { answerClientErrors } from "./http/errors.ts";
import { statusLine } from "./http/health.ts";
import { tlsCredentials } from "./http/tls.ts";

const started = performance.now();
const config = configFromEnvironment();
// Loaded after the configuration is known good, so a bad value is reported at once.
const { buildServer } = await import("./system.ts");
const system = await buildServer(config);

// The same status /api/health answers, as lines.
const parts = await system.health();

const setupCode = await system.core.auth.issueSetupCode();

const tls = await tlsCredentials(config.tls, system.core.databaseFile);
const https = tls ? { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } } : {};

const server = serve({ fetch: system.app.fetch, port: config.port, hostname: config.host, ...https }, (info) => {
  if (system.core.seeded) console.log(`Seeded the demo organisation into ${system.core.databaseFile}`);
  const { mode } = system.core;
  console.log(`Sign-in: ${system.core.auth.demoMode ? "demo (pick a person, no password)" : "password"}; demo sign-in ${mode.demoAllowed ? "allowed" : "off"}: ${mode.why}`);
  // Printed only here, so only whoever runs the server can create the first administrator.
  if (setupCode) console.log(`First-run setup: open the page and enter the one-time setup code ${setupCode} (or run: npm run cli -- init --admin LOGIN --name NAME)`);
  for (const part of parts) console.log(`- ${statusLine(part)}`);
  if (tls) console.log(`HTTPS: ${tls.describe}`);
  console.log(`Voice attendance assistant on ${tls ? "https" : "http"}://localhost:${info.port} (ready in ${Math.round(performance.now() - started)} ms)`);
});

answerClientErrors(server);
// Reminders: one job a minute in the company's time zone, stopped with the server.
await system.notify.scheduler.start();

async function shutdown() {
  server.close();
  await system.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
