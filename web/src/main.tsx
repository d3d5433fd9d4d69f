/** The page's entry: renders the app into #app (replacing the "Loading…" the HTML shows). */
import { render } from "preact";
import { App } from "./app.tsx";

const root = document.getElementById("app")!;
root.replaceChildren();
render(<App />, root);

// The app shell offline (web/public/sw.js); the page works without it, so a refusal is only logged.
if ("serviceWorker" in navigator && (location.protocol === "https:" || location.hostname === "localhost" || location.hostname === "127.0.0.1")) {
  navigator.serviceWorker.register("/sw.js").catch((error) => console.warn("service worker not registered", error));
}
