/**
 * The whole "framework": build elements from plain calls and replace a container's content.
 * Screens render once from data and re-render on change; nothing here diffs.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: any) => void;
export type Props = Record<string, unknown>;

/** Sets properties, attributes (`aria-*`, `data-*`, `for`, `role`…) and `on*` listeners. */
function apply(el: Element, props: Props | null | undefined): void {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value as Handler);
    } else if (key === "class") {
      el.setAttribute("class", String(value));
    } else if (key === "style" && typeof value === "object") {
      Object.assign((el as HTMLElement).style, value);
    } else if (key.includes("-") || key === "for" || key === "role" || !(key in el) || el instanceof SVGElement) {
      el.setAttribute(key, value === true ? "" : String(value));
    } else {
      (el as unknown as Record<string, unknown>)[key] = value;
    }
  }
}

function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: `h("button", { type: "button", onClick }, "Save")`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  // Children first, so a <select>'s `value` finds its options.
  append(el, children);
  apply(el, props);
  return el;
}

/** An SVG element, for charts. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  append(el, children);
  apply(el, props);
  return el;
}

/** Replaces everything inside `el`. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = "f"): string {
  return `${prefix}-${++ids}`;
}

/** A labelled form field: label above control, optional hint wired with aria-describedby. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uid();
  const hintEl = hint ? h("small", { id: `${control.id}-hint`, class: "hint" }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control, hintEl);
}

/** A status line for results and errors; announced by screen readers. */
export type MessageLine = HTMLElement & { show(text: string, kind?: "ok" | "error" | "info"): void; clear(): void };
export function messageLine(): MessageLine {
  const el = h("p", { class: "message", role: "status", "aria-live": "polite" }) as unknown as MessageLine;
  el.show = (text, kind = "info") => {
    el.textContent = text;
    el.className = `message ${kind}`;
    if (kind === "error") el.setAttribute("role", "alert");
    else el.setAttribute("role", "status");
  };
  el.clear = () => {
    el.textContent = "";
    el.className = "message";
  };
  return el;
}
