/** My account: change my password, and my personal API tokens (create, see once, revoke). */
import { useState } from "preact/hooks";
import { api, type NewToken, type TokenView } from "../api.ts";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { ChatLink, chatConfigured } from "../components/ChatLink.tsx";
import { Table } from "../components/Table.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { locale, t } from "../i18n/index.ts";

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;
const when = (ms: number) => new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));

function PasswordForm() {
  const [form, setForm] = useState({ current: "", next: "", again: "" });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (form.next !== form.again) return setMessage({ text: t("account.mismatch"), kind: "error" });
    setMessage(null);
    try {
      await api.changePassword(form.current, form.next);
      setForm({ current: "", next: "", again: "" });
      setMessage({ text: t("account.passwordChanged"), kind: "ok" });
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <form class="card" aria-labelledby="pw-title" onSubmit={(e) => void submit(e)}>
      <h2 id="pw-title">{t("account.password")}</h2>
      <Field label={t("account.current")}>
        <input type="password" autocomplete="current-password" required value={form.current} onInput={(e) => setForm({ ...form, current: value(e) })} />
      </Field>
      <Field label={t("signIn.newPassword")}>
        <input type="password" autocomplete="new-password" minLength={12} required value={form.next} onInput={(e) => setForm({ ...form, next: value(e) })} />
      </Field>
      <Field label={t("account.again")}>
        <input type="password" autocomplete="new-password" minLength={12} required value={form.again} onInput={(e) => setForm({ ...form, again: value(e) })} />
      </Field>
      <button type="submit" class="primary">
        {t("account.change")}
      </button>
      <Status message={message} />
    </form>
  );
}

function TokenList({ tokens, onRevoke }: { tokens: TokenView[]; onRevoke(token: TokenView): void }) {
  const head = [t("account.tokenName"), t("account.created"), t("account.lastUsed"), t("account.expires"), t("leave.col.actions")];
  return (
    <Table head={head}>
      {tokens.map((token) => (
        <tr data-id={token.id}>
          <th scope="row">{token.name ?? `#${token.id}`}</th>
          <td data-label={head[1]}>{when(token.createdMs)}</td>
          <td data-label={head[2]}>{token.lastSeenMs > token.createdMs ? when(token.lastSeenMs) : "—"}</td>
          <td data-label={head[3]}>{when(token.expiresMs)}</td>
          <td class="actions">
            <button type="button" class="small danger" aria-label={t("account.revokeLabel", { name: token.name ?? `#${token.id}` })} onClick={() => onRevoke(token)}>
              {t("account.revoke")}
            </button>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Tokens() {
  const tokens = useLoad(() => api.tokens(), []);
  const [form, setForm] = useState({ name: "", days: "30" });
  const [created, setCreated] = useState<NewToken | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  async function create(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    try {
      const token = await api.createToken(form.name.trim(), Number(form.days) * 24);
      setCreated(token);
      setForm({ ...form, name: "" });
      tokens.reload();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  async function revoke(token: TokenView): Promise<void> {
    try {
      await api.revokeToken(token.id);
      setMessage({ text: t("account.revoked", { name: token.name ?? `#${token.id}` }), kind: "ok" });
      if (created?.id === token.id) setCreated(null);
      tokens.reload();
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    }
  }
  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("account.tokens")}</h2>
      <p class="hint">{t("account.tokensIntro")}</p>
      <Load state={tokens} empty={(list) => !list.length && t("account.noTokens")}>
        {(list) => <TokenList tokens={list} onRevoke={(token) => void revoke(token)} />}
      </Load>
      {created ? (
        <div class="notice info new-token" role="status">
          <p>{t("account.copyOnce", { name: created.name ?? "" })}</p>
          <code>{created.token}</code>
        </div>
      ) : null}
      <form class="row token-form" onSubmit={(e) => void create(e)}>
        <Field label={t("account.tokenName")}>
          <input required maxLength={100} value={form.name} onInput={(e) => setForm({ ...form, name: value(e) })} />
        </Field>
        <Field label={t("account.days")}>
          <input type="number" min={1} max={90} required value={form.days} onInput={(e) => setForm({ ...form, days: value(e) })} />
        </Field>
        <button type="submit" class="primary">
          {t("account.create")}
        </button>
      </form>
      <Status message={message} />
    </section>
  );
}

/** Linking my chat account with a one-time code, where a chat platform is configured. */
function ChatAccount() {
  return (
    <section class="card chat-account" aria-labelledby="chat-account-title">
      <h2 id="chat-account-title">{t("account.chat")}</h2>
      <p class="hint">{t("account.chatIntro")}</p>
      <ChatLink />
    </section>
  );
}

export function AccountScreen() {
  useTitle(t("account.title"));
  const { health } = useApp();
  return (
    <section class="account" aria-labelledby="account-title">
      <h1 id="account-title">{t("account.title")}</h1>
      <div class="two-col">
        <PasswordForm />
        <Tokens />
      </div>
      {chatConfigured(health) ? <ChatAccount /> : null}
    </section>
  );
}
