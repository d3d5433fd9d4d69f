/** The assistant: one big talk button, the live conversation, its state and latency, and a text box. */
import { h, mount, uid } from "../dom.ts";
import { t, type Key } from "../i18n/index.ts";
import { assistant, sttProblem, type TalkMode } from "../voice/assistant-state.ts";
import type { Line } from "../voice/events.ts";
import type { Screen } from "./screen.ts";

/** A tool's name in words, or as the model knows it when there is no translation. */
function toolName(name: string): string {
  const key = `tool.${name}` as Key;
  const text = t(key);
  return text === key ? name : text;
}

function latencyText(line: Line): string | null {
  const l = line.latency;
  if (!l) return null;
  if (l.e2eMs !== undefined) return t("latency.voice", { ms: Math.round(l.e2eMs) });
  if (l.totalMs !== undefined) return t("latency.text", { first: l.firstTextMs ?? l.totalMs, total: l.totalMs });
  return null;
}

function lineView(line: Line): HTMLElement {
  const latency = latencyText(line);
  return h(
    "li",
    { class: `line ${line.role}${line.pending ? " pending" : ""}`, "data-role": line.role },
    h("span", { class: "who" }, t(line.role === "user" ? "assistant.you" : "assistant.bot")),
    h("p", { class: "text" }, line.text || (line.pending ? "…" : ""), line.interrupted ? ` ${t("assistant.interrupted")}` : null),
    line.tools?.length ? h("p", { class: "tools" }, t("assistant.tool", { name: line.tools.map(toolName).join(", ") })) : null,
    latency ? h("p", { class: "latency" }, latency) : null,
  );
}

export const assistantScreen: Screen = (ctx) => {
  const hintId = uid("talk-hint");
  const talk = h("button", { type: "button", class: "talk", "aria-describedby": hintId });
  const hint = h("p", { id: hintId, class: "hint" });
  const stateEl = h("span", { class: "state-value" });
  const state = h("p", { class: "state", role: "status", "aria-live": "polite" }, h("span", null, t("assistant.state"), ": "), stateEl);
  const notice = h("div", { class: "notice-slot" });
  const log = h("ol", { class: "conversation", role: "log", "aria-live": "polite", "aria-label": t("assistant.transcript") });

  const modeName = uid("mode");
  const modeRadio = (mode: TalkMode, label: Key) => {
    const input = h("input", {
      type: "radio",
      name: modeName,
      value: mode,
      checked: assistant.mode === mode,
      onChange: () => assistant.setMode(mode),
    });
    return h("label", { class: "radio" }, input, " ", t(label));
  };
  const modes = h("fieldset", { class: "modes" }, h("legend", null, t("assistant.mode")), modeRadio("ptt", "assistant.mode.ptt"), modeRadio("handsFree", "assistant.mode.handsFree"));

  // Push-to-talk holds with pointer or keyboard; hands-free toggles on click.
  let keyHeld = false;
  talk.addEventListener("pointerdown", (e) => {
    if (assistant.mode !== "ptt" || e.button !== 0) return;
    talk.setPointerCapture(e.pointerId);
    void assistant.press(ctx.health);
  });
  const up = () => assistant.mode === "ptt" && assistant.release();
  talk.addEventListener("pointerup", up);
  talk.addEventListener("pointercancel", up);
  talk.addEventListener("keydown", (e) => {
    if (assistant.mode !== "ptt" || (e.key !== " " && e.key !== "Enter")) return;
    e.preventDefault();
    if (keyHeld || e.repeat) return;
    keyHeld = true;
    void assistant.press(ctx.health);
  });
  talk.addEventListener("keyup", (e) => {
    if (assistant.mode !== "ptt" || (e.key !== " " && e.key !== "Enter")) return;
    keyHeld = false;
    assistant.release();
  });
  talk.addEventListener("blur", () => {
    if (keyHeld) {
      keyHeld = false;
      assistant.release();
    }
  });
  talk.addEventListener("click", () => {
    if (assistant.mode === "handsFree") void assistant.toggle(ctx.health);
  });

  const input = h("input", { id: uid("ask"), name: "text", autocomplete: "off", placeholder: t("assistant.textPlaceholder") });
  const form = h(
    "form",
    {
      class: "ask",
      onSubmit: (e: Event) => {
        e.preventDefault();
        const text = input.value;
        input.value = "";
        void assistant.sendText(text);
      },
    },
    h("label", { for: input.id }, t("assistant.textLabel")),
    h("div", { class: "row" }, input, h("button", { type: "submit", class: "primary" }, t("assistant.send"))),
  );

  const stt = sttProblem(ctx.health);
  let shownLines = -1;
  function update(): void {
    const connected = assistant.connected;
    const ptt = assistant.mode === "ptt";
    talk.textContent = ptt ? t(assistant.holding ? "assistant.holding" : "assistant.hold") : t(connected || assistant.state === "connecting" ? "assistant.stop" : "assistant.start");
    talk.setAttribute("aria-pressed", String(ptt ? assistant.holding : connected));
    talk.dataset.state = assistant.state;
    hint.textContent = t(ptt ? "assistant.hint.ptt" : "assistant.hint.handsFree");
    stateEl.textContent = t(`state.${assistant.state}` as Key);
    state.dataset.state = assistant.state;
    const n = assistant.notice ?? (stt ? { key: "voice.noStt" as Key, params: { hint: stt }, kind: "error" as const } : undefined);
    mount(notice, n ? h("p", { class: `notice ${n.kind}`, role: n.kind === "error" ? "alert" : "status" }, t(n.key, n.params)) : null);
    mount(log, assistant.lines.length ? assistant.lines.map(lineView) : h("li", { class: "empty" }, t("assistant.empty")));
    if (assistant.lines.length !== shownLines) {
      shownLines = assistant.lines.length;
      log.lastElementChild?.scrollIntoView({ block: "nearest" });
    }
  }
  const unsubscribe = assistant.subscribe(update);
  update();

  const el = h(
    "section",
    { class: "assistant", "aria-labelledby": "assistant-title" },
    h("h1", { id: "assistant-title" }, t("assistant.title")),
    h("p", { class: "intro" }, t("assistant.intro")),
    h("div", { class: "card talk-card" }, modes, talk, hint, state, notice),
    h("div", { class: "card" }, h("h2", null, t("assistant.transcript")), log, form),
  );
  return {
    el,
    title: t("assistant.title"),
    dispose: () => {
      unsubscribe();
      if (assistant.holding) assistant.release();
    },
  };
};
