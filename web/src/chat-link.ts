/** "Link chat account": asks for a 6-digit code and shows what to send the bot. */
import { api, type Health } from "./api.ts";
import { h } from "./dom.ts";
import { t } from "./i18n/index.ts";

/** The parts /api/health reports for the chat platforms. */
const CHAT_PLATFORMS = new Set(["wecom", "feishu", "dingtalk", "slack"]);

/** Whether a chat platform is ready, so a code can be sent to a bot. */
export function chatConfigured(health: Health): boolean {
  return !!health.engines?.some((e) => CHAT_PLATFORMS.has(e.name) && e.ready);
}

export function chatLinkButton(): HTMLElement {
  const out = h("span", { class: "chat-code", role: "status", "aria-live": "polite" });
  const button = h(
    "button",
    {
      type: "button",
      class: "link",
      onClick: async () => {
        button.disabled = true;
        try {
          const { code } = await api.chatLinkCode();
          out.textContent = t("chatLink.code", { code });
        } catch {
          out.textContent = t("chatLink.failed");
        } finally {
          button.disabled = false;
        }
      },
    },
    t("chatLink.button"),
  );
  return h("span", { class: "chat-link" }, button, out);
}
