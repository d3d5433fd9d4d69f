/**
 * The one way anything sends a chat message: a row in the outbox, then the worker. Replies go to
 * the chat they answer; notifications (approval cards, decisions, the reminders issue's reminders
 * and digests) go to an employee on the first configured platform they have an id on.
 */
import type { Channel } from "./channel.ts";
import type { ImIdentities } from "./identities.ts";
import { PLATFORMS, type Address, type MessageRef, type OutgoingMessage, type Platform } from "./message.ts";
import type { NewOutboxEntry, OutboxStore } from "./outbox.ts";

export class OutboxService {
  constructor(
    private readonly store: OutboxStore,
    private readonly identities: ImIdentities,
    private readonly channels: ReadonlyMap<Platform, Channel>,
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
   * or undefined when they are reachable on none (nothing is written then).
   */
  async notify(employeeId: number, message: OutgoingMessage, dedupeKey: string): Promise<Platform | undefined> {
    const ids = await this.identities.identitiesById(employeeId);
    const platform = PLATFORMS.find((p) => this.channels.has(p) && ids.some((i) => i.platform === p));
    if (!platform) return undefined;
    const imId = ids.find((i) => i.platform === platform)!.imId;
    await this.enqueue({ channel: platform, recipient: { to: "user", id: imId }, employeeId, payload: { op: "send", message }, dedupeKey });
    return platform;
  }

  private async enqueue(entry: NewOutboxEntry): Promise<boolean> {
    const added = await this.store.insertOutbox(entry, this.now());
    if (added) this.wake();
    return added;
  }
}
