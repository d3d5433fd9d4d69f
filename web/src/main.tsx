/** The page's entry: renders the app into #app (replacing the "Loading…" the HTML shows). */
import { render } from "preact";
import { App } from "./app.tsx";
import { loadWords } from "./i18n/index.ts";

// The person's language's words first (the page shows "Loading…" meanwhile), so no key flashes.
const root = document.getElementById("app")!;
await loadWords();
root.replaceChildren();
render(<App />, root);

// The app shell offline (web/public/sw.js); the page works without it, so a refusal is only logged.
if ("serviceWorker" in navigator && (location.protocol === "https:" || location.hostname === "localhost" || location.hostname === "127.0.0.1")) {
  navigator.serviceWorker.register("/sw.js").catch((error) => console.warn("service worker not registered", error));
}
