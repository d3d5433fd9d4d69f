/**
 * The floor for `npm run bench`'s HTTP figures: a bare Hono route on @hono/node-server that reads
 * the bearer header and answers JSON, started the way src/server.ts starts (tsx, its own process),
 * so the check-in's ratio to it is what our own code costs per request.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono().post("/api/punches/check-in", (c) => c.json({ kind: "in", bearer: (c.req.header("authorization") ?? "").length }, 201));

serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => console.log(`bare route on http://localhost:${info.port}`));
