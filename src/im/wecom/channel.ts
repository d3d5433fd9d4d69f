/** WeCom (企业微信) behind the neutral `Channel`: a self-built app, plus an optional group robot. */
import { Robots, robotBucket, type RobotHook } from "../robots.ts";
import { channelStatus, receiveSafely, type Channel, type ChannelStatus, type RateBucket, type RawRequest, type SendOptions } from "../channel.ts";
import { PlatformError, shortId } from "../http.ts";
import type { Address, MessageRef, OutgoingMessage, VoiceContent } from "../message.ts";
import { RATES } from "../rate-limit.ts";
import type { VoiceAudio } from "../voice.ts";
import { WecomApi } from "./api.ts";
import { WecomCrypto } from "./crypto.ts";
import { decodeWecom } from "./inbound.ts";
import { renderCardUpdate, renderMessage, renderRobot } from "./render.ts";

/** Everything a WeCom app needs; see README for where each value is in the admin console. */
export interface WecomConfig {
  corpId: string;
  agentId: string;
  secret: string;
  /** The callback Token and EncodingAESKey set on the app's "接收消息" page. */
  token: string;
  encodingAesKey: string;
  /** A group robot's webhook URL, for team digests. */
  robotUrl?: string;
  /** Teams' own group robots, by department code (`WECOM_TEAM_ROBOTS`). */
  teamRobots?: Record<string, RobotHook>;
  /** API origin; tests point it at a local server. */
  baseUrl?: string;
}

/** Which WeCom variables are set. */
export function wecomStatus(config: Partial<WecomConfig>): ChannelStatus {
  return channelStatus(
    "wecom",
    {
      WECOM_CORP_ID: config.corpId,
      WECOM_AGENT_ID: config.agentId,
      WECOM_SECRET: config.secret,
      WECOM_TOKEN: config.token,
      WECOM_ENCODING_AES_KEY: config.encodingAesKey,
    },
    "Self-built app: callback URL /im/wecom/callback",
  );
}

export class WecomChannel implements Channel {
  readonly platform = "wecom" as const;
  readonly endpoints = ["callback"] as const;
  readonly api: WecomApi;
  private readonly crypto: WecomCrypto;
  readonly robots: Robots;

  constructor(
    private readonly config: WecomConfig,
    private readonly now: () => number = Date.now,
    fetchImpl?: typeof fetch,
  ) {
    this.crypto = new WecomCrypto(config.token, config.encodingAesKey, config.corpId);
    this.robots = new Robots(config.robotUrl ? { webhook: config.robotUrl } : undefined, config.teamRobots);
    this.api = new WecomApi({ corpId: config.corpId, secret: config.secret, baseUrl: config.baseUrl, now, fetch: fetchImpl });
  }

  status(): ChannelStatus {
    return wecomStatus(this.config);
  }

  receive(request: RawRequest) {
    return receiveSafely(() => decodeWecom(request, this.crypto, { agentId: this.config.agentId, now: this.now() }));
  }

  async send(to: Address, message: OutgoingMessage, options: SendOptions): Promise<MessageRef | undefined> {
    if (to.to === "robot") {
      const robot = this.robots.for(to.id);
      if (!robot) throw new PlatformError("wecom", "NO_ROBOT", "neither WECOM_ROBOT_URL nor a team robot is set", false);
      await this.api.sendRobot(robot.hook.webhook, renderRobot(message));
      return undefined;
    }
    // task_id must be unique within the app: derived from the idempotency key, a resent card is
    // refused as a duplicate instead of showing twice.
    const task = taskId(message, options.idempotencyKey);
    const answer = await this.api.sendMessage({ touser: to.id, agentid: Number(this.config.agentId), ...renderMessage(message, task) });
    return typeof answer.response_code === "string" ? { id: answer.response_code, task } : undefined;
  }

  async update(card: MessageRef, message: OutgoingMessage, options: { onlyFor?: Address } = {}): Promise<void> {
    if (message.kind !== "approval") throw new PlatformError("wecom", "UPDATE_UNSUPPORTED", "only approval cards are updated", false);
    await this.api.updateTemplateCard({
      ...(options.onlyFor ? { userids: [options.onlyFor.id] } : {}),
      agentid: Number(this.config.agentId),
      response_code: card.id,
      ...renderCardUpdate(message, card.task ?? taskId(message, card.id)),
    });
  }

  /** A voice message's audio: WeCom serves it by MediaId through media/get, as AMR-NB (`Format` amr). */
  async voiceAudio(content: VoiceContent): Promise<VoiceAudio | undefined> {
    if (!content.mediaId || (content.format ?? "amr").toLowerCase() !== "amr") return undefined;
    return { bytes: await this.api.media(content.mediaId), format: "amr" };
  }

  rateBucket(to: Address): RateBucket {
    return to.to === "robot" ? { key: robotBucket("wecom", this.robots, to.id), rules: RATES.wecomRobot } : { key: `wecom:user:${to.id}`, rules: RATES.wecomMember };
  }
}

/** A task_id WeCom accepts: letters, digits, `_-@`, at most 128 bytes. */
function taskId(message: OutgoingMessage, key: string): string {
  const kind = message.kind === "approval" ? `${message.request.kind}-${message.request.id}` : message.kind;
  return `${kind}-${shortId(key, 20)}`;
}
