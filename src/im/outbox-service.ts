/**
 * The one way anything sends a chat message: a row in the outbox, then the worker. Replies go to
 * the chat they answer; notifications (approval cards, decisions, the reminders issue's reminders
 * and digests) go to an employee on the first configured platform they have an id on.
 */
import type { ImIdentities } from "./identities.ts";
import { PLATFORMS, type Address, type MessageRef, type OutgoingMessage, type Platform } from "./message.ts";
import type { NewOutboxEntry, OutboxChannel, OutboxSender, OutboxStore } from "./outbox.ts";

export class OutboxService {
  constructor(
    private readonly store: OutboxStore,
    private readonly identities: ImIdentities,
    private readonly channels: ReadonlyMap<OutboxChannel, OutboxSender>,
    private readonly now: () => number = Date.now,
    /** Wakes the worker after a row is written. */
    private readonly wake: () => void = () => {},
  ) {}

  /** A message into a chat on a platform (an answer, a group digest). False when the key was used before. */
  reply(platform: Platform, to: Address, message: OutgoingMessage, dedupeKey: string, employeeId?: number): Promise<boolean> {
    return this.enqueue({ channel: platform, recipient: to, employeeId, payload: { op: "send", message }, dedupeKey });
  }

  /** A change to a sent card (a decision), or a note about it to one person. */
  update(platform: Platform, card: MessageRef, message: OutgoingMessage, dedupeKey: string, onlyFor?: Address): Promise<boolean> {
    return this.enqueue({ channel: platform, recipient: onlyFor ?? { to: "chat", id: card.chat ?? card.id }, payload: { op: "update", card, message, onlyFor }, dedupeKey });
  }

  /**
   * A message for an employee wherever they are reachable: the first configured platform (in the
   * order WeCom, Feishu, DingTalk, Slack) on which they have an id. Resolves to the platform used,
   * or undefined when they are reachable on none (nothing is written then). `notBefore` holds it
   * until that instant (ms).
   */
  async notify(employeeId: number, message: OutgoingMessage, dedupeKey: string, notBefore?: number): Promise<Platform | undefined> {
    const reach = await this.reachable(employeeId);
    if (!reach) return undefined;
    await this.enqueue({ channel: reach.platform, recipient: { to: "user", id: reach.imId }, employeeId, payload: { op: "send", message }, dedupeKey, notBefore });
    return reach.platform;
  }

  /** The platform and id `notify` would use for an employee, if any (nothing is written). */
  async reachable(employeeId: number): Promise<{ platform: Platform; imId: string } | undefined> {
    const ids = await this.identities.identitiesById(employeeId);
    const platform = PLATFORMS.find((p) => this.channels.has(p) && ids.some((i) => i.platform === p));
    return platform && { platform, imId: ids.find((i) => i.platform === platform)!.imId };
  }

  /**
   * The platform whose group robot posts for a team (a department code): the team's own robot on
   * any configured platform, else the first platform (same order as `notify`) with a default
   * robot; undefined when there is neither.
   */
  robotPlatform(team = ""): Platform | undefined {
    const robots = (p: Platform) => this.channels.get(p)?.robots;
    return PLATFORMS.find((p) => robots(p)?.owns(team)) ?? PLATFORMS.find((p) => robots(p)?.hasDefault());
  }

  /** A message into a team's group robot chat (a team digest); resolves to the platform, or undefined when no robot is configured. */
  async robot(message: OutgoingMessage, dedupeKey: string, employeeId?: number, team = ""): Promise<Platform | undefined> {
    const platform = this.robotPlatform(team);
    if (!platform) return undefined;
    const id = this.channels.get(platform)!.robots!.for(team)!.team;
    await this.enqueue({ channel: platform, recipient: { to: "robot", id }, employeeId, payload: { op: "send", message }, dedupeKey });
    return platform;
  }

  /** An email to an employee's address, through the same outbox (see src/notify/email.ts). False when the key was used before. */
  email(employeeId: number, address: string, message: OutgoingMessage, dedupeKey: string, notBefore?: number): Promise<boolean> {
    return this.enqueue({ channel: "email", recipient: { to: "user", id: address }, employeeId, payload: { op: "send", message }, dedupeKey, notBefore });
  }

  private async enqueue(entry: NewOutboxEntry): Promise<boolean> {
    const added = await this.store.insertOutbox(entry, this.now());
    if (added) this.wake();
    return added;
  }
}
