/**
 * My notifications: the in-app list, newest first, marked read once shown (the bell's count
 * follows); and my settings: which channel reminders take besides the app, my email address, and
 * the optional reminders I receive where the policy sends them.
 */
import { useEffect, useState } from "preact/hooks";
import { api, type AppNotification, type NotificationList, type NotificationSettings, type Policy } from "../api.ts";
import { setUnread } from "../components/Bell.tsx";
import { Field } from "../components/Field.tsx";
import { Load } from "../components/Load.tsx";
import { Status, type StatusMessage } from "../components/Status.tsx";
import { useApp, useTitle } from "../context.ts";
import { useLoad } from "../hooks.ts";
import { errorText } from "../i18n/errors.ts";
import { locale, t, type Key } from "../i18n/index.ts";

const when = (ms: number) => new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(ms));
const CHANNELS = ["auto", "im", "email", "inapp"] as const;

/** A channel or platform name as the page says it ("feishu" → 飞书). */
export function channelName(channel: string): string {
  const key = `notify.via.${channel}` as Key;
  const text = t(key);
  return text === key ? channel : text;
}

/** A reminder rule's name in the page's language. */
export function ruleName(rule: string): string {
  const key = `reminder.rule.${rule}` as Key;
  const text = t(key);
  return text === key ? rule : text;
}

/** Where reminders go now: the app only, or the app and one channel. */
function routeSentence(route: string): string {
  return route === "inapp" ? t("notifications.routeApp") : t("notifications.route", { route: channelName(route) });
}

function NotificationItems({ list, fresh }: { list: NotificationList; fresh: Set<number> }) {
  return (
    <ul class="notification-list">
      {list.items.map((n: AppNotification) => (
        <li class={`card notification${fresh.has(n.id) ? " fresh" : ""}`} data-id={n.id}>
          <div class="notification-head">
            <h2>{n.title}</h2>
            {fresh.has(n.id) ? <span class="badge ls-pending">{t("notifications.new")}</span> : null}
          </div>
          <p class="notification-body">{n.body}</p>
          <p class="hint">
            <time dateTime={new Date(n.createdMs).toISOString()}>{when(n.createdMs)}</time> · {ruleName(n.rule)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Inbox() {
  const list = useLoad(() => api.notifications(100), []);
  // What was unread when it was shown keeps its "new" mark on this visit.
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  useEffect(() => {
    const unread = list.data?.items.filter((n) => !n.read).map((n) => n.id) ?? [];
    if (!unread.length) {
      if (list.data) setUnread(list.data.unread);
      return;
    }
    setFresh((before) => new Set([...before, ...unread]));
    api.markNotificationsRead(unread).then(
      (answer) => setUnread(answer.unread),
      (error) => console.warn("could not mark notifications read", error),
    );
  }, [list.data]);
  return (
    <section aria-labelledby="inbox-title">
      <div class="row section-head">
        <h2 id="inbox-title" class="sr-only">
          {t("notifications.list")}
        </h2>
        <button type="button" class="small" onClick={list.reload}>
          {t("common.refresh")}
        </button>
      </div>
      <Load state={list} empty={(l) => !l.items.length && t("notifications.none")}>
        {(l) => <NotificationItems list={l} fresh={fresh} />}
      </Load>
    </section>
  );
}

/** Whether the policy sends this rule to my department at all. */
function ruleOn(policy: Policy, department: string | undefined, rule: string): boolean {
  const r = rule as keyof Policy["reminders"]["rules"];
  return policy.reminders.departments[department ?? ""]?.[r]?.on ?? policy.reminders.rules[r]?.on ?? true;
}

function SettingsForm({ settings, policy, onSaved }: { settings: NotificationSettings; policy: Policy | undefined; onSaved(next: NotificationSettings): void }) {
  const { me } = useApp();
  const [form, setForm] = useState({ channel: settings.channel, email: settings.email ?? "", optOut: settings.optOut as string[] });
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setMessage(null);
    setBusy(true);
    try {
      const next = await api.setNotificationSettings({ channel: form.channel, email: form.email.trim() || null, optOut: form.optOut as NotificationSettings["optOut"] });
      onSaved(next);
      setMessage({ text: `${t("notifications.saved")} ${routeSentence(next.route)}`, kind: "ok" });
    } catch (error) {
      setMessage({ text: errorText(error), kind: "error" });
    } finally {
      setBusy(false);
    }
  }
  const toggle = (rule: string, receive: boolean) => setForm({ ...form, optOut: receive ? form.optOut.filter((r) => r !== rule) : [...form.optOut, rule] });
  return (
    <form class="card notification-settings" aria-labelledby="settings-title" onSubmit={(e) => void save(e)}>
      <h2 id="settings-title">{t("notifications.settings")}</h2>
      <p class="hint route">{routeSentence(settings.route)}</p>
      <Field label={t("notifications.channel")} hint={t("notifications.channelHint")}>
        <select value={form.channel} onChange={(e) => setForm({ ...form, channel: (e.currentTarget as HTMLSelectElement).value as typeof form.channel })}>
          {CHANNELS.map((c) => (
            <option value={c}>{t(`notify.channel.${c}` as Key)}</option>
          ))}
        </select>
      </Field>
      <Field label={t("notifications.email")}>
        <input type="email" autocomplete="email" maxLength={254} value={form.email} onInput={(e) => setForm({ ...form, email: (e.currentTarget as HTMLInputElement).value })} />
      </Field>
      <fieldset class="rules">
        <legend>{t("notifications.optional")}</legend>
        {settings.optional.map((rule) => {
          const on = !policy || ruleOn(policy, me.department?.code, rule);
          return (
            <label class="check">
              <input type="checkbox" name={rule} disabled={!on} checked={on && !form.optOut.includes(rule)} onChange={(e) => toggle(rule, (e.currentTarget as HTMLInputElement).checked)} />
              {ruleName(rule)}
              {on ? null : <span class="hint">{t("notifications.offByPolicy")}</span>}
            </label>
          );
        })}
      </fieldset>
      <p class="hint">{t("notifications.always")}</p>
      <button type="submit" class="primary" disabled={busy}>
        {t("notifications.save")}
      </button>
      <Status message={message} />
    </form>
  );
}

function Settings() {
  const settings = useLoad(() => api.notificationSettings(), []);
  const policy = useLoad(() => api.policy(), []);
  const [saved, setSaved] = useState<NotificationSettings | null>(null);
  return (
    <Load state={settings}>{(s) => <SettingsForm settings={saved ?? s} policy={policy.data} onSaved={setSaved} />}</Load>
  );
}

export function NotificationsScreen() {
  useTitle(t("notifications.title"));
  return (
    <section class="notifications" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t("notifications.title")}</h1>
      <div class="two-col">
        <Inbox />
        <Settings />
      </div>
    </section>
  );
}
