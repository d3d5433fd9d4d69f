/** "Link chat account": asks for a 6-digit code and shows what to send the bot. */
import { useState } from "preact/hooks";
import { api, type Health } from "../api.ts";
import { t } from "../i18n/index.ts";

/** The parts /api/health reports for the chat platforms. */
const CHAT_PLATFORMS = new Set(["wecom", "feishu", "dingtalk", "slack"]);

/** Whether a chat platform is ready, so a code can be sent to a bot. */
export function chatConfigured(health: Health): boolean {
  return !!health.engines?.some((e) => CHAT_PLATFORMS.has(e.name) && e.ready);
}

export function ChatLink() {
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState("");
  async function ask(): Promise<void> {
    setBusy(true);
    try {
      const { code } = await api.chatLinkCode();
      setText(t("chatLink.code", { code }));
    } catch {
      setText(t("chatLink.failed"));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span class="chat-link">
      <button type="button" class="link" disabled={busy} onClick={() => void ask()}>
        {t("chatLink.button")}
      </button>
      <span class="chat-code" role="status" aria-live="polite">
        {text}
      </span>
    </span>
  );
}
