/**
 * Chat channels for admins: each chat platform the server knows, whether it is ready, which of its
 * environment variables are set and which are missing (names only, never values), from
 * /api/health; and where people link their chat accounts (My account).
 */
import { api, type Health } from "../api.ts";
import { Load } from "../components/Load.tsx";
import { Table } from "../components/Table.tsx";
import { useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { t } from "../i18n/index.ts";
import { onLinkClick } from "../router.ts";
import { channelName } from "./notifications.tsx";

/** The chat platforms /api/health reports (as ChatLink knows them). */
const CHAT = new Set(["wecom", "feishu", "dingtalk", "slack"]);
type Part = NonNullable<Health["engines"]>[number];

function Vars({ names, kind }: { names: string[]; kind: "set" | "missing" }) {
  if (!names.length) return <span class="muted">—</span>;
  return (
    <ul class={`vars ${kind}`}>
      {names.map((n) => (
        <li>
          <code>{n}</code>
        </li>
      ))}
    </ul>
  );
}

function Channels({ parts }: { parts: Part[] }) {
  const head = [t("channels.platform"), t("channels.status"), t("channels.set"), t("channels.missing"), t("channels.hint")];
  return (
    <Table head={head} class="channels">
      {parts.map((p) => (
        <tr data-name={p.name}>
          <th scope="row">{channelName(p.name)}</th>
          <td data-label={head[1]}>
            <span class={`badge ${p.ready ? "do-sent" : "do-skipped"}`}>{p.ready ? t("channels.ready") : t("channels.notReady")}</span>
          </td>
          <td data-label={head[2]}>
            <Vars names={p.set ?? []} kind="set" />
          </td>
          <td data-label={head[3]}>
            <Vars names={p.missing} kind="missing" />
          </td>
          <td data-label={head[4]} class="hint">
            {p.hint}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function ChannelsScreen() {
  useTitle(t("channels.title"));
  const health = useLoad(() => api.health(), []);
  return (
    <section class="channels-screen" aria-labelledby="channels-title">
      <h1 id="channels-title">{t("channels.title")}</h1>
      <section class="card" aria-labelledby="chat-title">
        <div class="row section-head">
          <h2 id="chat-title">{t("channels.chat")}</h2>
          <button type="button" class="small" onClick={health.reload}>
            {t("common.refresh")}
          </button>
        </div>
        <p class="hint">{t("channels.intro")}</p>
        <Load state={health} empty={(h) => !h.engines?.some((e) => CHAT.has(e.name)) && t("channels.none")}>
          {(h) => <Channels parts={(h.engines ?? []).filter((e) => CHAT.has(e.name))} />}
        </Load>
      </section>
      <section class="card" aria-labelledby="linking-title">
        <h2 id="linking-title">{t("channels.linking")}</h2>
        <p>
          {t("channels.linkingIntro")}{" "}
          <a href="/account" onClick={(e) => onLinkClick(e, "/account")}>
            {t("nav.account")}
          </a>
        </p>
      </section>
    </section>
  );
}
