/** The page's entry: renders the app into #app (replacing the "Loading…" the HTML shows). */
import { render } from "preact";
import { App } from "./app.tsx";

const root = document.getElementById("app")!;
root.replaceChildren();
render(<App />, root);
