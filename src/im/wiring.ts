/**
 * The chat parts built once from the configuration (called by the composition root): the
 * configured channels, the repositories over the attendance database, identities, the outbox and
 * its worker, approvals, and the inbox that handles callbacks. Nothing here reads the environment.
 */
import type { Hono } from "hono";
import type { AttendanceServices } from "../attendance/services.ts";
import type { SqlDb } from "../attendance/store/index.ts";
import type { PlaceEvidence } from "../attendance/places.ts";
import type { Employee } from "../attendance/types.ts";
import { Approvals, approvalKinds } from "./approvals.ts";
import type { Channel, ChannelStatus } from "./channel.ts";
import { buildChannels, imStatuses, type ImSettings } from "./channels.ts";
import type { TurnRunner } from "../agent/turn.ts";
import type { ChatTurns } from "./conversations.ts";
import { ImIdentities } from "./identities.ts";
import { Inbox } from "./inbox.ts";
import type { Platform } from "./message.ts";
import { OutboxWorker, type OutboxChannel, type OutboxSender, type Timers } from "./outbox.ts";
import { OutboxService } from "./outbox-service.ts";
import { imRoutes } from "./routes.ts";
import { ImRepository, OutboxRepository } from "./store.ts";
import type { Stt } from "../voice/stt/stt.ts";
import { voiceTranscriber } from "./voice.ts";

export interface ImDeps {
  settings: ImSettings;
  services: AttendanceServices;
  db: SqlDb;
  /** A chat conversation for an employee on the agent voice uses. */
  conversation: (employee: Employee, place: () => PlaceEvidence | undefined) => ChatTurns;
  /** The web app's public address (DingTalk's card buttons open it). */
  publicBaseUrl?: string;
  /** Time for callbacks, dedupe and the outbox (the real clock, apart from tests). */
  now?: () => number;
  timers?: Timers;
  fetch?: typeof fetch;
  /** Email through the same outbox (src/notify/email.ts), when SMTP is configured. */
  email?: OutboxSender;
  /** The server's speech-to-text, for voice messages the platform sends without a transcript. */
  stt?: Stt;
}

export interface ImParts {
  channels: ReadonlyMap<Platform, Channel>;
  /** Every platform's status for start-up and `/api/health`. */
  statuses: ChannelStatus[];
  identities: ImIdentities;
  /** The service everything that sends a chat message calls. */
  outbox: OutboxService;
  outboxRows: OutboxRepository;
  worker: OutboxWorker;
  approvals: Approvals;
  inbox: Inbox;
  /** The callback routes of the configured channels. */
  routes(): Hono;
  /** Whether anything can go out (a chat platform or email): the server starts the worker then. */
  sends: boolean;
  /** Starts the outbox worker and any platform connection (the server does; one-shot CLI commands do not). */
  start(): void;
  /** Stops the worker and waits for handling in flight. */
  stop(): Promise<void>;
}

export function buildIm(deps: ImDeps): ImParts {
  const now = deps.now ?? Date.now;
  const channels = buildChannels(deps.settings, now, deps.fetch);
  const repo = new ImRepository(deps.db);
  const outboxRows = new OutboxRepository(deps.db);
  const identities = new ImIdentities(repo, deps.services.people, now);
  const senders = new Map<OutboxChannel, OutboxSender>(channels);
  if (deps.email) senders.set("email", deps.email);
  const worker = new OutboxWorker({
    store: outboxRows,
    channels: senders,
    now,
    timers: deps.timers,
    onFailed: (entry, error) => console.warn(`im ${entry.channel}: outbox #${entry.id} failed: ${error}`),
  });
  const outbox = new OutboxService(outboxRows, identities, senders, now, () => worker.kick());
  const approvals = new Approvals({ services: deps.services, kinds: approvalKinds(deps.services), identities, outbox, now, publicBaseUrl: deps.publicBaseUrl });
  const inbox = new Inbox({
    repo,
    identities,
    outbox,
    approvals,
    conversation: deps.conversation,
    transcribe: deps.stt ? voiceTranscriber(deps.stt, channels) : undefined,
    now,
    mentionsBot: async (platform, ids) => (await channels.get(platform)?.mentionsMe?.(ids)) === true,
  });
  // Platform connections held open while the server runs (DingTalk's stream mode).
  const connections: { stop(): Promise<void> }[] = [];
  return {
    channels,
    statuses: imStatuses(deps.settings),
    identities,
    outbox,
    outboxRows,
    worker,
    approvals,
    inbox,
    routes: () => imRoutes(channels, inbox),
    sends: senders.size > 0,
    start: () => {
      worker.start();
      for (const [platform, channel] of channels) {
        channel.start?.().catch((err) => console.warn(`im ${platform}: could not start (tried again when needed): ${err instanceof Error ? err.message : err}`));
        const connection = channel.listen?.((events) => inbox.dispatch(platform, events), (line) => console.warn(line));
        if (connection) connections.push(connection);
      }
    },
    stop: async () => {
      await Promise.all(connections.splice(0).map((c) => c.stop()));
      await inbox.idle();
      await worker.stop();
    },
  };
}

/** A voice-style turn runner as a chat conversation: the text in, the finished reply out. */
export function chatTurns(runner: TurnRunner): ChatTurns {
  return {
    async reply(text) {
      let reply = "";
      for await (const event of runner.run(text)) if (event.type === "finish") reply = event.text;
      return reply;
    },
  };
}
