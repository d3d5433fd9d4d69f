/** DingTalk (钉钉) behind the neutral `Channel`: an internal app's robot in HTTP mode, plus an optional custom group robot. */
import { Robots, robotBucket, type RobotHook } from "../robots.ts";
import { channelStatus, receiveSafely, type Channel, type ChannelStatus, type RateBucket, type RawRequest, type SendOptions } from "../channel.ts";
import { PlatformError } from "../http.ts";
import type { Address, InboundEvent, MessageRef, OutgoingMessage } from "../message.ts";
import { RATES } from "../rate-limit.ts";
import { DingtalkApi } from "./api.ts";
import { decodeDingtalk, decodeRobotMessage } from "./inbound.ts";
import { renderOpenApi, renderWebhook } from "./render.ts";
import { signedRobotUrl } from "./sign.ts";
import { DingtalkStream } from "./stream.ts";
import { DINGTALK_API_BASE } from "./api.ts";

export interface DingtalkConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  /** A custom group robot for digests, and its 加签 secret. */
  robotWebhook?: string;
  robotSecret?: string;
  /** Teams' own custom robots, by department code (`DINGTALK_TEAM_ROBOTS`). */
  teamRobots?: Record<string, RobotHook>;
  baseUrl?: string;
  /** `http` (callbacks at /im/dingtalk/events, the default) or `stream` (a socket to DingTalk; no public URL). */
  mode?: "http" | "stream";
}

export function dingtalkStatus(config: Partial<DingtalkConfig>): ChannelStatus {
  return channelStatus(
    "dingtalk",
    { DINGTALK_APP_KEY: config.appKey, DINGTALK_APP_SECRET: config.appSecret, DINGTALK_ROBOT_CODE: config.robotCode },
    config.mode === "stream"
      ? "Internal app robot in stream mode: the server connects to DingTalk, no public URL needed"
      : "Internal app robot in HTTP mode: message URL /im/dingtalk/events",
  );
}

export class DingtalkChannel implements Channel {
  readonly platform = "dingtalk" as const;
  readonly endpoints: readonly string[];
  readonly api: DingtalkApi;
  readonly robots: Robots;

  constructor(
    private readonly config: DingtalkConfig,
    private readonly now: () => number = Date.now,
    fetchImpl?: typeof fetch,
  ) {
    this.robots = new Robots(config.robotWebhook ? { webhook: config.robotWebhook, secret: config.robotSecret } : undefined, config.teamRobots);
    this.api = new DingtalkApi({ appKey: config.appKey, appSecret: config.appSecret, robotCode: config.robotCode, baseUrl: config.baseUrl, now, fetch: fetchImpl });
    // In stream mode messages come over the socket only: no callback route is mounted.
    this.endpoints = config.mode === "stream" ? [] : ["events"];
    if (config.mode === "stream") this.listen = (deliver, log) => this.openStream(deliver, log, fetchImpl);
  }

  readonly listen?: Channel["listen"];

  private openStream(deliver: (events: InboundEvent[]) => void, log: (line: string) => void, fetchImpl?: typeof fetch) {
    const stream = new DingtalkStream({
      appKey: this.config.appKey,
      appSecret: this.config.appSecret,
      baseUrl: this.config.baseUrl ?? DINGTALK_API_BASE,
      fetch: fetchImpl,
      log,
      onRobotMessage: (m) => {
        try {
          deliver(decodeRobotMessage(m, this.config.robotCode));
        } catch (err) {
          log(`im dingtalk: refused a stream message: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    });
    stream.start();
    return { stop: () => stream.stop() };
  }

  status(): ChannelStatus {
    return dingtalkStatus(this.config);
  }

  receive(request: RawRequest) {
    return receiveSafely(() => decodeDingtalk(request, { appSecret: this.config.appSecret, robotCode: this.config.robotCode, now: this.now() }));
  }

  /** DingTalk offers no idempotency key for robot messages; the outbox's exactly-once bookkeeping is all there is. */
  async send(to: Address, message: OutgoingMessage, _options?: SendOptions): Promise<MessageRef | undefined> {
    if (to.to === "robot") {
      const robot = this.robots.for(to.id);
      if (!robot) throw new PlatformError("dingtalk", "NO_ROBOT", "neither DINGTALK_ROBOT_WEBHOOK nor a team robot is set", false);
      await this.api.postWebhook(signedRobotUrl(robot.hook.webhook, robot.hook.secret, this.now()), renderWebhook(message));
      return undefined;
    }
    // The message's own sessionWebhook answers in place while it lives; after that, the open API.
    if (to.session && this.now() < to.session.expiresAt) {
      await this.api.postWebhook(to.session.url, renderWebhook(message));
    } else if (to.to === "chat") {
      await this.api.sendToGroup(to.id, renderOpenApi(message));
    } else {
      await this.api.sendToUser(to.id, renderOpenApi(message));
    }
    return undefined;
  }

  /** Robot messages cannot be edited; a note for one person becomes a message to them. */
  async update(_card: MessageRef, message: OutgoingMessage, options: { onlyFor?: Address } = {}): Promise<void> {
    if (!options.onlyFor) throw new PlatformError("dingtalk", "UPDATE_UNSUPPORTED", "DingTalk robot messages cannot be updated", false);
    await this.send(options.onlyFor, message);
  }

  rateBucket(to: Address): RateBucket {
    return { key: to.to === "robot" ? robotBucket("dingtalk", this.robots, to.id) : `dingtalk:${to.to}:${to.id}`, rules: RATES.dingtalkRobot };
  }
}
