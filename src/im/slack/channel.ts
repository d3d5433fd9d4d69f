/** Slack behind the neutral `Channel`: a Slack app with a bot user, events, a slash command and interactivity. */
import { channelStatus, receiveSafely, type Channel, type ChannelStatus, type RateBucket, type RawRequest, type SendOptions } from "../channel.ts";
import { PlatformError } from "../http.ts";
import type { Address, MessageRef, OutgoingMessage } from "../message.ts";
import { RATES } from "../rate-limit.ts";
import { SlackApi } from "./api.ts";
import { decodeSlack } from "./inbound.ts";
import { renderSlack } from "./render.ts";

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  baseUrl?: string;
}

export function slackStatus(config: Partial<SlackConfig>): ChannelStatus {
  return channelStatus(
    "slack",
    { SLACK_SIGNING_SECRET: config.signingSecret, SLACK_BOT_TOKEN: config.botToken },
    "Slack app: Events /im/slack/events, slash command /im/slack/commands, interactivity /im/slack/interactivity",
  );
}

export class SlackChannel implements Channel {
  readonly platform = "slack" as const;
  readonly endpoints = ["events", "commands", "interactivity"] as const;
  readonly api: SlackApi;

  constructor(
    private readonly config: SlackConfig,
    private readonly now: () => number = Date.now,
    fetchImpl?: typeof fetch,
  ) {
    this.api = new SlackApi(config.botToken, config.baseUrl, fetchImpl);
  }

  status(): ChannelStatus {
    return slackStatus(this.config);
  }

  receive(request: RawRequest) {
    return receiveSafely(() => decodeSlack(request, this.config.signingSecret, this.now()));
  }

  /**
   * Slack has no idempotency key for chat.postMessage; the outbox's exactly-once bookkeeping is
   * all there is. A reply to a slash command goes through its response_url, which works in
   * channels the bot has not joined.
   */
  async send(to: Address, message: OutgoingMessage, _options?: SendOptions): Promise<MessageRef | undefined> {
    if (to.to === "robot") throw new PlatformError("slack", "NO_ROBOT", "Slack sends through the app bot only", false);
    const body = renderSlack(message);
    if (to.session && this.now() < to.session.expiresAt) {
      await this.api.respond(to.session.url, body);
      return undefined;
    }
    const posted = await this.api.postMessage(to.id, body);
    return { id: posted.ts, chat: posted.channel };
  }

  async update(card: MessageRef, message: OutgoingMessage, options: { onlyFor?: Address } = {}): Promise<void> {
    if (!card.chat) throw new PlatformError("slack", "UPDATE_UNSUPPORTED", "a Slack message is found by channel and ts", false);
    if (options.onlyFor) {
      await this.api.postEphemeral(card.chat, options.onlyFor.id, renderSlack(noteOf(message)));
      return;
    }
    await this.api.update(card.chat, card.id, renderSlack(message));
  }

  rateBucket(to: Address): RateBucket {
    return { key: `slack:${to.id}`, rules: RATES.slackChannel };
  }
}

/** What one person is told privately about a card: its note, or the message itself. */
function noteOf(message: OutgoingMessage): OutgoingMessage {
  return message.kind === "approval" && message.note ? { kind: "text", text: message.note } : message;
}
