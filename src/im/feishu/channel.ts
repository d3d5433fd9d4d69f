/** Feishu / Lark (飞书) behind the neutral `Channel`: a custom app with the bot ability. */
import { Robots, robotBucket, type RobotHook } from "../robots.ts";
import { channelStatus, receiveSafely, type Channel, type ChannelStatus, type RateBucket, type RawRequest, type SendOptions } from "../channel.ts";
import { PlatformError, shortId } from "../http.ts";
import type { Address, MessageRef, OutgoingMessage, VoiceContent } from "../message.ts";
import type { VoiceAudio } from "../voice.ts";
import { RATES } from "../rate-limit.ts";
import { FeishuApi, FEISHU_API_BASE } from "./api.ts";
import { decodeFeishu } from "./inbound.ts";
import { renderFeishu } from "./render.ts";
import { feishuRobotBody, postFeishuRobot } from "./robot.ts";

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  /** From the app's "事件与回调 > 加密策略" page. */
  encryptKey: string;
  verificationToken: string;
  /** `feishu` (open.feishu.cn) or `lark` (open.larksuite.com). */
  domain?: keyof typeof FEISHU_API_BASE;
  baseUrl?: string;
  /** A custom group bot's webhook for team digests, and its 签名校验 secret. */
  robotWebhook?: string;
  robotSecret?: string;
  /** Teams' own custom bots, by department code (`FEISHU_TEAM_ROBOTS`). */
  teamRobots?: Record<string, RobotHook>;
}

export function feishuStatus(config: Partial<FeishuConfig>): ChannelStatus {
  return channelStatus(
    "feishu",
    {
      FEISHU_APP_ID: config.appId,
      FEISHU_APP_SECRET: config.appSecret,
      FEISHU_ENCRYPT_KEY: config.encryptKey,
      FEISHU_VERIFICATION_TOKEN: config.verificationToken,
    },
    "Custom app with a bot: events at /im/feishu/events, card callbacks at /im/feishu/card",
  );
}

export class FeishuChannel implements Channel {
  readonly platform = "feishu" as const;
  readonly endpoints = ["events", "card"] as const;
  readonly api: FeishuApi;
  readonly robots: Robots;

  constructor(
    private readonly config: FeishuConfig,
    private readonly now: () => number = Date.now,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.robots = new Robots(config.robotWebhook ? { webhook: config.robotWebhook, secret: config.robotSecret } : undefined, config.teamRobots);
    this.api = new FeishuApi({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, baseUrl: config.baseUrl, now, fetch: fetchImpl });
  }

  status(): ChannelStatus {
    return feishuStatus(this.config);
  }

  receive(request: RawRequest) {
    return receiveSafely(() => decodeFeishu(request, this.config, this.now()));
  }

  async send(to: Address, message: OutgoingMessage, options: SendOptions): Promise<MessageRef | undefined> {
    if (to.to === "robot") {
      const robot = this.robots.for(to.id);
      if (!robot) throw new PlatformError("feishu", "NO_ROBOT", "neither FEISHU_ROBOT_WEBHOOK nor a team robot is set", false);
      await postFeishuRobot(robot.hook.webhook, feishuRobotBody(message, robot.hook.secret, this.now()), this.fetchImpl);
      return undefined;
    }
    // uuid: at most 50 characters; the same uuid within an hour sends at most one message.
    const id = await this.api.send(to.to === "chat" ? "chat_id" : "user_id", to.id, renderFeishu(message), shortId(options.idempotencyKey, 40));
    return { id };
  }

  async update(card: MessageRef, message: OutgoingMessage, options: { onlyFor?: Address } = {}): Promise<void> {
    // A shared card looks the same to everyone: a note meant for one person goes to them alone.
    if (options.onlyFor) {
      const text = message.kind === "approval" ? (message.note ?? message.outcome ?? message.title) : message.kind === "text" ? message.text : message.title;
      await this.send(options.onlyFor, { kind: "text", text }, { idempotencyKey: `${card.id}:${options.onlyFor.id}:${text}` });
      return;
    }
    await this.api.patch(card.id, renderFeishu(message).content);
  }

  rateBucket(to: Address): RateBucket {
    // A custom bot has the app bot's limits (100 a minute, 5 a second), counted on its own.
    return { key: to.to === "robot" ? robotBucket("feishu", this.robots, to.id) : "feishu:bot", rules: RATES.feishuBot };
  }

  /** Fetches the bot's open_id once; a failure is tried again at the next group message. */
  async start(): Promise<void> {
    await this.botOpenId();
  }

  /** A voice message's audio: Feishu keeps it as Ogg Opus, fetched by message id and file key. */
  async voiceAudio(content: VoiceContent): Promise<VoiceAudio | undefined> {
    const [messageId, fileKey] = content.mediaId.split("/");
    if (!messageId || !fileKey) return undefined;
    return { bytes: await this.api.resource(messageId, fileKey), format: "ogg-opus" };
  }

  async mentionsMe(ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    return ids.includes(await this.botOpenId());
  }

  private botId?: Promise<string>;
  private botOpenId(): Promise<string> {
    this.botId ??= this.api.botInfo().then(
      (bot) => bot.openId,
      (err) => {
        this.botId = undefined;
        throw err;
      },
    );
    return this.botId;
  }
}
