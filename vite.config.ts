import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The web client: sources in web/, built to web/dist, served by the app server at `/`
 * (src/http/web.ts). `npx vite` serves it with hot reload and sends API calls to a running
 * `npm start` on port 8787.
 */
const api = process.env.API_ORIGIN ?? "http://localhost:8787";

export default defineConfig({
  root: fileURLToPath(new URL("./web", import.meta.url)),
  base: "/",
  // TSX screens and components render with Preact (jsx: react-jsx in web/tsconfig.json).
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // agora-rtc-sdk-ng (1.5 MB) is its own chunk, fetched only when Agora is configured.
    chunkSizeWarningLimit: 1600,
  },
  server: { proxy: { "/api": api, "/v1": api } },
});
