/**
 * One agent conversation per (platform, chat, sender), kept 15 minutes after its last message, so
 * a chat answer to "哪几天？" fills the slot the way the next spoken turn does. Kept in memory:
 * a restart forgets half-finished questions (the Postgres issue moves them to the database).
 * Turns of one conversation run one after another, in arrival order.
 */

/** What a conversation needs to be here: one text turn in, the reply text out. */
export interface ChatTurns {
  reply(text: string): Promise<string>;
}

/** Conversations are dropped this long after their last message. */
export const CONVERSATION_IDLE_MS = 15 * 60_000;

interface Kept<C> {
  conversation: C;
  lastUsed: number;
  /** The previous turn, so turns of one conversation never overlap. */
  queue: Promise<unknown>;
}

export class ConversationPool<C extends ChatTurns> {
  private readonly kept = new Map<string, Kept<C>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs one turn in the conversation for `key`, opening one with `open` when there is none or it went idle. */
  async turn(key: string, text: string, open: () => C | Promise<C>): Promise<string> {
    this.sweep();
    let entry = this.kept.get(key);
    if (!entry) {
      entry = { conversation: await open(), lastUsed: this.now(), queue: Promise.resolve() };
      this.kept.set(key, entry);
    }
    const kept = entry;
    kept.lastUsed = this.now();
    const result = kept.queue.then(() => kept.conversation.reply(text));
    kept.queue = result.catch(() => undefined);
    const reply = await result;
    kept.lastUsed = this.now();
    return reply;
  }

  /** How many conversations are kept (for health and tests). */
  get size(): number {
    this.sweep();
    return this.kept.size;
  }

  private sweep(): void {
    const cutoff = this.now() - CONVERSATION_IDLE_MS;
    for (const [key, entry] of this.kept) if (entry.lastUsed <= cutoff) this.kept.delete(key);
  }
}

/** The conversation key: a person in a chat on a platform. */
export function conversationKey(platform: string, chat: string, sender: string): string {
  return `${platform}\u0000${chat}\u0000${sender}`;
}
