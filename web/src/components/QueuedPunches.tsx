/**
 * The punches waiting on this device to be sent (made without a connection), with when each was
 * made, and a button to send them now. Shown in the today card and while the server is away.
 */
import { useEffect, useState } from "preact/hooks";
import { locale, t } from "../i18n/index.ts";
import { onQueueChange, queuedPunches, sendQueued, type QueuedPunch } from "../offline-punches.ts";

/** A queued punch's kind in words: what the button said when it was made. */
export function queuedKind(kind: QueuedPunch["kind"]): string {
  return t(`offline.kind.${kind}`);
}

/** When a queued punch was made, as HH:MM in the company's zone. */
export function queuedTime(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(new Date(at));
}

/** `login`'s waiting punches, kept current as the queue changes. */
export function useQueuedPunches(login: string): QueuedPunch[] {
  const [queued, setQueued] = useState(() => queuedPunches(login));
  useEffect(() => {
    setQueued(queuedPunches(login));
    return onQueueChange(() => setQueued(queuedPunches(login)));
  }, [login]);
  return queued;
}

export function QueuedPunches({ login, timeZone }: { login: string; timeZone: string }) {
  const queued = useQueuedPunches(login);
  if (!queued.length) return null;
  return (
    <div class="queued" role="status">
      <p>{t("offline.waiting", { n: queued.length })}</p>
      <ul>
        {queued.map((p) => (
          <li key={p.key} data-at={p.at}>
            {t("offline.item", { kind: queuedKind(p.kind), time: queuedTime(p.at, timeZone) })}
          </li>
        ))}
      </ul>
      <button type="button" class="link" onClick={() => void sendQueued(login)}>
        {t("offline.sendNow")}
      </button>
    </div>
  );
}
