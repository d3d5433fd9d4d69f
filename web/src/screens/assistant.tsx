/** The assistant: one big talk button, the live conversation, its state and latency, and a text box. */
import { useEffect, useId, useReducer, useRef, useState } from "preact/hooks";
import { TodayCard } from "../components/TodayCard.tsx";
import { useApp, useTitle } from "../context.ts";
import { t, type Key } from "../i18n/index.ts";
import { assistant, sttProblem, type TalkMode } from "../voice/assistant-state.ts";
import type { Line } from "../voice/events.ts";

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

function LineView({ line }: { line: Line }) {
  const latency = latencyText(line);
  return (
    <li class={`line ${line.role}${line.pending ? " pending" : ""}`} data-role={line.role}>
      <span class="who">{t(line.role === "user" ? "assistant.you" : "assistant.bot")}</span>
      <p class="text">
        {line.text || (line.pending ? "…" : "")}
        {line.interrupted ? ` ${t("assistant.interrupted")}` : null}
      </p>
      {line.tools?.length ? <p class="tools">{t("assistant.tool", { name: line.tools.map(toolName).join(", ") })}</p> : null}
      {latency ? <p class="latency">{latency}</p> : null}
    </li>
  );
}

/** Push-to-talk holds with pointer or keyboard (Space/Enter); hands-free toggles on click. */
function TalkButton({ hintId }: { hintId: string }) {
  const { health } = useApp();
  const keyHeld = useRef(false);
  const ptt = assistant.mode === "ptt";
  const connected = assistant.connected;
  const release = () => {
    if (keyHeld.current) {
      keyHeld.current = false;
      assistant.release();
    }
  };
  return (
    <button
      type="button"
      class="talk"
      aria-describedby={hintId}
      aria-pressed={String(ptt ? assistant.holding : connected) as "true" | "false"}
      data-state={assistant.state}
      onPointerDown={(e) => {
        if (assistant.mode !== "ptt" || e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        void assistant.press(health);
      }}
      onPointerUp={() => assistant.mode === "ptt" && assistant.release()}
      onPointerCancel={() => assistant.mode === "ptt" && assistant.release()}
      onKeyDown={(e) => {
        if (assistant.mode !== "ptt" || (e.key !== " " && e.key !== "Enter")) return;
        e.preventDefault();
        if (keyHeld.current || e.repeat) return;
        keyHeld.current = true;
        void assistant.press(health);
      }}
      onKeyUp={(e) => {
        if (assistant.mode !== "ptt" || (e.key !== " " && e.key !== "Enter")) return;
        release();
      }}
      onBlur={release}
      onClick={() => {
        if (assistant.mode === "handsFree") void assistant.toggle(health);
      }}
    >
      {ptt ? t(assistant.holding ? "assistant.holding" : "assistant.hold") : t(connected || assistant.state === "connecting" ? "assistant.stop" : "assistant.start")}
    </button>
  );
}

/**
 * The text box: the typed request is sent and the box emptied; the reply appears in the log. A
 * request that fails comes back into the box (unless something new was typed) to be sent again.
 */
function AskForm() {
  const [text, setText] = useState("");
  const id = useId();
  const send = async (request: string) => {
    setText("");
    if (!(await assistant.sendText(request))) setText((now) => now || request);
  };
  return (
    <form
      class="ask"
      onSubmit={(e) => {
        e.preventDefault();
        void send(text);
      }}
    >
      <label for={id}>{t("assistant.textLabel")}</label>
      <div class="row">
        <input id={id} name="text" autocomplete="off" placeholder={t("assistant.textPlaceholder")} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="primary">
          {t("assistant.send")}
        </button>
      </div>
      {assistant.unsent ? (
        <button type="button" class="retry" onClick={() => void send(assistant.unsent!)}>
          {t("common.retry")}
        </button>
      ) : null}
    </form>
  );
}

export function AssistantScreen() {
  const { health } = useApp();
  useTitle(t("assistant.title"));
  const [, rerender] = useReducer<number, void>((n) => n + 1, 0);
  const hintId = useId();
  const log = useRef<HTMLOListElement>(null);
  const modeName = useId();

  useEffect(() => {
    const unsubscribe = assistant.subscribe(rerender);
    return () => {
      unsubscribe();
      if (assistant.holding) assistant.release();
    };
  }, []);
  const count = assistant.lines.length;
  useEffect(() => log.current?.lastElementChild?.scrollIntoView({ block: "nearest" }), [count]);

  const stt = sttProblem(health);
  const n = assistant.notice ?? (stt ? { key: "voice.noStt" as Key, params: { hint: stt }, kind: "error" as const } : undefined);
  const ptt = assistant.mode === "ptt";
  const modeRadio = (mode: TalkMode, label: Key) => (
    <label class="radio">
      <input type="radio" name={modeName} value={mode} checked={assistant.mode === mode} onChange={() => assistant.setMode(mode)} /> {t(label)}
    </label>
  );

  return (
    <section class="assistant" aria-labelledby="assistant-title">
      <h1 id="assistant-title">{t("assistant.title")}</h1>
      <TodayCard compact />
      <p class="intro">{t("assistant.intro")}</p>
      <div class="card talk-card">
        <fieldset class="modes">
          <legend>{t("assistant.mode")}</legend>
          {modeRadio("ptt", "assistant.mode.ptt")}
          {modeRadio("handsFree", "assistant.mode.handsFree")}
        </fieldset>
        <TalkButton hintId={hintId} />
        <p id={hintId} class="hint">
          {t(ptt ? "assistant.hint.ptt" : "assistant.hint.handsFree")}
        </p>
        <p class="state" role="status" aria-live="polite" data-state={assistant.state}>
          <span>{t("assistant.state")}: </span>
          <span class="state-value">{t(`state.${assistant.state}` as Key)}</span>
        </p>
        <div class="notice-slot">
          {n ? (
            <p class={`notice ${n.kind}`} role={n.kind === "error" ? "alert" : "status"}>
              {t(n.key, n.params)}
            </p>
          ) : null}
        </div>
      </div>
      <div class="card">
        <h2>{t("assistant.transcript")}</h2>
        <div role="log" aria-live="polite" aria-label={t("assistant.transcript")}>
          {count ? (
            <ol class="conversation" ref={log}>
              {assistant.lines.map((line) => (
                <LineView line={line} />
              ))}
            </ol>
          ) : (
            <p class="empty">{t("assistant.empty")}</p>
          )}
        </div>
        <AskForm />
      </div>
    </section>
  );
}
