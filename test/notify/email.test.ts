import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { chatServer, eventually } from "../im/harness.ts";

let smtp: SMTPServer | undefined;
afterEach(() => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())));

/** A real SMTP server on a loopback port, keeping every message it accepts, parsed. */
async function startSmtp(options: { refuse?: string } = {}) {
  const received: ParsedMail[] = [];
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === options.refuse) return callback(Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, received };
}

describe("reminders by email, through a real SMTP server", () => {
  it("mails each person their reminder in their language, and HR's log shows sent and failed with the server's words", async () => {
    const mail = await startSmtp({ refuse: "nobody@example.com" });
    const s = await chatServer({ SMTP_URL: mail.url, MAIL_FROM: "attendance@example.com" });
    for (const [login, email] of [["wang", "wang@example.com"], ["emily", "emily@example.com"], ["li", "nobody@example.com"]]) {
      const res = await s.api(login, "/notification-settings", { method: "PUT", body: { email } });
      expect(res.status).toBe(200);
      expect((await res.json()).route).toBe("email");
    }
    s.clock.set("2026-11-26T09:10:00+08:00");
    const sent = await s.server.notify.scheduler.tick();
    expect(sent.filter((p) => p.channel === "email").map((p) => p.employee.login).sort()).toEqual(["emily", "li", "wang"]);

    const toWang = await eventually(() => mail.received.find((m) => m.to && JSON.stringify(m.to).includes("wang@example.com")), "wang's email");
    expect(toWang.subject).toBe("今天还没打卡");
    expect(toWang.from?.text).toBe("attendance@example.com");
    expect(toWang.text?.trim()).toBe("嘿，王小明，今天还没打卡哦，是不是忘了？回复'打卡'即可。");
    const toEmily = await eventually(() => mail.received.find((m) => JSON.stringify(m.to).includes("emily@example.com")), "emily's email");
    expect(toEmily.subject).toBe("You have not checked in today");
    expect(toEmily.text).toMatch(/^Hi Emily .*, you have not checked in today\. Forgot\? Reply 'check in' to punch\./);

    const log = async () => (await (await s.api("zhao", "/deliveries")).json()) as { login: string; outcome: string; error?: string; channel: string }[];
    const failed = await eventually(async () => (await log()).find((r) => r.login === "li" && r.outcome === "failed"), "li's failure");
    expect(failed).toBeTruthy();
    expect((await log()).find((r) => r.login === "li")?.error).toMatch(/SMTP_550.*No such mailbox/);
    expect((await log()).find((r) => r.login === "wang")).toMatchObject({ channel: "email", outcome: "sent" });
    expect((await s.api("wang", "/deliveries")).status).toBe(403);
    expect(mail.received).toHaveLength(2);
  }, 120_000);
});
