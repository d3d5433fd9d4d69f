import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import { errorBody } from "./errors.ts";

/** Where the built web client is, and how long hashed assets may be cached. */
export interface WebRoutesOptions {
  /** The Vite build output (web/dist). */
  distDir: string;
}

/** Paths that belong to the API, never to the page. */
const API_PATH = /^\/(api|v1)(\/|$)/;

/**
 * The built web client: files from `distDir` (hashed assets cached for a year, everything else
 * revalidated), and index.html for any other GET that is not an API path, so the client's own
 * routes (/leave, /hr) survive a reload. Without a build it answers 503 and says how to make one.
 */
export function webRoutes(options: WebRoutesOptions) {
  const root = path.resolve(options.distDir);
  const indexFile = path.join(root, "index.html");
  // Read per request (about 1 kB) so a rebuild while the server runs is picked up.
  const index = () => readFileSync(indexFile, "utf8");

  const app = new Hono();
  app.use("*", async (c, next) => {
    if (API_PATH.test(c.req.path)) return c.json(errorBody("NOT_FOUND", "No such API route"), 404);
    if (!existsSync(indexFile)) {
      return c.json(errorBody("WEB_NOT_BUILT", `The web client is not built (${indexFile} is missing): run npm run build:web`), 503);
    }
    await next();
  });
  // Built on first use: serveStatic complains at construction when the folder is not there yet.
  let statics: { assets: MiddlewareHandler; files: MiddlewareHandler } | undefined;
  const files = () =>
    (statics ??= {
      assets: serveStatic({ root, onFound: (_path, c) => void c.header("cache-control", "public, max-age=31536000, immutable") }),
      files: serveStatic({ root, onFound: (_path, c) => void c.header("cache-control", "no-cache") }),
    });
  app.use("/assets/*", (c, next) => files().assets(c, next));
  app.use("*", (c, next) => files().files(c, next));
  app.on(["GET", "HEAD"], "*", (c) => {
    // A missing asset is a real 404; only page routes fall back to the app shell.
    if (c.req.path.startsWith("/assets/") || /\.[a-z0-9]+$/i.test(c.req.path)) return c.json(errorBody("NOT_FOUND", "Not found"), 404);
    c.header("cache-control", "no-cache");
    return c.html(index());
  });
  return app;
}
