/**
 * Email as one more way out of the outbox: nodemailer over SMTP (`SMTP_URL`, from `MAIL_FROM`).
 * The outbox owns retries: an SMTP 5xx answer (a mailbox that does not exist, a refused sender)
 * fails the row with the server's words; 4xx answers and connection failures are tried again.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type { Address, OutgoingMessage } from "../im/message.ts";
import { plainText } from "../im/message.ts";
import type { RateBucket } from "../im/channel.ts";
import { PlatformError } from "../im/http.ts";
import type { OutboxSender } from "../im/outbox.ts";

export interface EmailSettings {
  /** smtp://user:pass@host:port or smtps://... */
  url: string;
  from: string;
}

/** The subject an email gets: the message's own headline, else its title, else its first line. */
export function subjectOf(message: OutgoingMessage): string {
  if (message.kind === "text") return message.subject ?? message.text.split("\n")[0].slice(0, 80);
  return message.title;
}

export class EmailSender implements OutboxSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = nodemailer.createTransport(settings.url);
  }

  async send(to: Address, message: OutgoingMessage, options: { idempotencyKey: string }): Promise<undefined> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: to.id,
        subject: subjectOf(message),
        text: plainText(message),
        // The same outbox row always carries the same id, so a resend after a crash can be told apart by mail systems.
        messageId: `<${options.idempotencyKey.replace(/[^A-Za-z0-9.:-]/g, "-")}@attendance>`,
      });
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
      throw new PlatformError("email", e.responseCode ? `SMTP_${e.responseCode}` : (e.code ?? "NETWORK"), e.message ?? String(err), !permanent, e.responseCode);
    }
    return undefined;
  }

  /** Emails cannot be changed once sent; a decided approval arrives as a message of its own. */
  async update(_card: unknown, message: OutgoingMessage, options?: { onlyFor?: Address }): Promise<void> {
    if (options?.onlyFor) await this.send(options.onlyFor, message, { idempotencyKey: `update-${Date.now()}` });
  }

  rateBucket(): RateBucket {
    return { key: "email", rules: [{ limit: 60, windowMs: 60_000 }] };
  }

  close(): void {
    this.transport.close();
  }
}
