/**
 * What happens after a callback was answered: each verified event is taken once (platform retries
 * carry the same id and are dropped, across restarts), its sender is looked up, and then
 * - a message from someone unknown gets the short zh + en answer on how to link, and nothing else
 *   happens (unless it is "绑定 123456" / "link 123456", which links them);
 * - a message from an employee goes to their conversation with the same agent voice uses, and
 *   the reply goes back through the outbox; in groups only when the bot was @mentioned;
 * - a card click decides the request as the clicking employee (see approvals.ts).
 */
import { detectLanguage, phrase } from "../agent/replies.ts";
import { gcj02ToWgs84 } from "../attendance/geo.ts";
import type { PlaceEvidence } from "../attendance/places.ts";
import type { Employee, Location } from "../attendance/types.ts";
import type { Approvals } from "./approvals.ts";
import { conversationKey, type ChatTurns, ConversationPool } from "./conversations.ts";
import type { ImIdentities } from "./identities.ts";
import { linkCodeIn } from "./link.ts";
import type { InboundEvent, InboundMessage, Platform } from "./message.ts";
import type { OutboxService } from "./outbox-service.ts";
import type { ImRepository } from "./store.ts";
import type { Transcribe } from "./voice.ts";

export interface InboxOptions {
  repo: ImRepository;
  identities: ImIdentities;
  outbox: OutboxService;
  approvals: Approvals;
  /**
   * A conversation for an employee, on the agent voice uses, punching with method `im`; `place`
   * gives the location the person shared in that chat within the last two minutes, once.
   */
  conversation: (employee: Employee, place: () => PlaceEvidence | undefined) => ChatTurns;
  /** Whether the bot is among the ids a group message @mentions, where the platform leaves that to us. */
  mentionsBot?: (platform: Platform, ids: readonly string[]) => Promise<boolean>;
  /** Turns a voice message into text (see voice.ts); without it only the platform's own transcript is used. */
  transcribe?: Transcribe;
  now?: () => number;
  /** Told of a failure in handling an event (already answered, so only logged). */
  onError?: (err: unknown, event: InboundEvent) => void;
}

/** A location shared in a chat is the location of a punch made within two minutes of it. */
export const LOCATION_FOR_MS = 2 * 60_000;

export class Inbox {
  readonly conversations: ConversationPool<ChatTurns>;
  private readonly now: () => number;
  private readonly pending = new Set<Promise<void>>();
  /** The last location shared in each conversation, for its next punch within {@link LOCATION_FOR_MS}. */
  private readonly sharedLocations = new Map<string, { location: Location; atMs: number }>();

  constructor(private readonly o: InboxOptions) {
    this.now = o.now ?? Date.now;
    this.conversations = new ConversationPool(this.now);
  }

  /**
   * Handles events after the callback was answered; errors are reported, never thrown. The work
   * starts on a later turn of the event loop: the store answers synchronously underneath, so work
   * started at once would run to the end before the callback's answer is written.
   */
  dispatch(platform: Platform, events: InboundEvent[]): void {
    for (const event of events) {
      const p = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.handle(platform, event))
        .catch((err) => (this.o.onError ?? ((e) => console.error(`im ${platform}: event failed:`, e)))(err, event))
        .finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  /** Resolves when every dispatched event has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  async handle(platform: Platform, event: InboundEvent): Promise<void> {
    if (event.type === "verification") return;
    if (!(await this.o.repo.claimEvent(platform, event.eventId, this.now()))) return;
    if (event.type === "message" && event.chat.group && !(await this.mentioned(platform, event))) return;
    const employee = await this.o.identities.employeeFor(platform, event.sender);
    if (event.type === "click") {
      if (!employee) return this.unknown(platform, event.replyTo, event.eventId);
      return this.o.approvals.click(platform, event, employee);
    }
    if (event.content.kind === "location") return this.locationShared(platform, event, employee);
    if (event.content.kind === "voice" && !employee) return this.unknown(platform, event.replyTo, event.eventId);
    const text = await this.textOf(platform, event, employee);
    if (text === undefined) {
      // A voice message we could not turn into words: the person is asked to type it instead.
      if (event.content.kind === "voice" && employee) await this.o.outbox.reply(platform, event.replyTo, { kind: "text", text: phrase(employee.language, "im.voice.typeInstead") }, `voice:${platform}:${event.eventId}`, employee.id);
      return;
    }
    const code = linkCodeIn(text);
    if (code) return this.link(platform, event, code);
    if (!employee) return this.unknown(platform, event.replyTo, event.eventId);
    const key = conversationKey(platform, event.chat.id, event.sender);
    const reply = await this.conversations.turn(key, text, () => this.o.conversation(employee, () => this.takeLocation(key)));
    if (reply) await this.o.outbox.reply(platform, event.replyTo, { kind: "text", text: reply }, `reply:${platform}:${event.eventId}`, employee.id);
  }

  /** A location share: kept (in WGS-84) for the sender's next punch in this chat, and acknowledged. */
  private async locationShared(platform: Platform, event: InboundMessage, employee: Employee | undefined): Promise<void> {
    const c = event.content;
    if (c.kind !== "location" || !Number.isFinite(c.latitude) || !Number.isFinite(c.longitude)) return;
    if (!employee) return this.unknown(platform, event.replyTo, event.eventId);
    const point = c.datum === "gcj02" ? gcj02ToWgs84(c) : { latitude: c.latitude, longitude: c.longitude };
    this.sharedLocations.set(conversationKey(platform, event.chat.id, event.sender), { location: point, atMs: this.now() });
    const text = phrase(employee.language, "im.location.noted");
    await this.o.outbox.reply(platform, event.replyTo, { kind: "text", text }, `location:${platform}:${event.eventId}`, employee.id);
  }

  /** The location shared in a conversation within the last two minutes, taken once. */
  private takeLocation(key: string): PlaceEvidence | undefined {
    const shared = this.sharedLocations.get(key);
    this.sharedLocations.delete(key);
    if (!shared || this.now() - shared.atMs > LOCATION_FOR_MS) return undefined;
    return { location: shared.location };
  }

  private async mentioned(platform: Platform, event: InboundMessage): Promise<boolean> {
    if (event.mentioned) return true;
    return !!event.mentions?.length && (await this.o.mentionsBot?.(platform, event.mentions)) === true;
  }

  private async textOf(platform: Platform, event: InboundMessage, employee: Employee | undefined): Promise<string | undefined> {
    const c = event.content;
    if (c.kind === "text") return c.text || undefined;
    if (c.kind !== "voice" || !employee) return undefined;
    if (c.recognition?.trim()) return c.recognition.trim();
    // A download or decoding failure is answered like audio we cannot read: the person types it.
    return this.o.transcribe?.(platform, c, employee.language).catch((err) => {
      (this.o.onError ?? ((e) => console.error(`im ${platform}: a voice message could not be transcribed:`, e)))(err, event);
      return undefined;
    });
  }

  private unknown(platform: Platform, to: InboundMessage["replyTo"], eventId: string): Promise<void> {
    // The sender's language is unknown too: the answer says it in both.
    return this.o.outbox.reply(platform, to, { kind: "text", text: phrase("zh", "im.unknownSender") }, `unknown:${platform}:${eventId}`).then(() => undefined);
  }

  private async link(platform: Platform, event: InboundMessage, code: string): Promise<void> {
    const outcome = await this.o.identities.link(platform, event.sender, code);
    // Answered in the words' language: "link 123456" in English, "绑定 123456" in Chinese.
    const lang = detectLanguage(event.content.kind === "text" ? event.content.text : "");
    const text =
      outcome.status === "linked"
        ? phrase(lang, "im.link.done", { name: lang === "zh" ? outcome.employee.name : outcome.employee.nameEn })
        : phrase(lang, outcome.status === "taken" ? "im.link.taken" : "im.link.badCode");
    await this.o.outbox.reply(platform, event.replyTo, { kind: "text", text }, `link:${platform}:${event.eventId}`);
  }
}
