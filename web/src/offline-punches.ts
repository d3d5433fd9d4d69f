/**
 * Punches made without a connection (issue 18): kept in this device's storage with the instant
 * they were made and an idempotency key, and sent in order when the server can be reached again
 * (on the browser's `online` event, at start-up, and every so often while any wait). The server
 * records each once, at its claimed time; a late one waits for the manager's review.
 */
import { api, ApiError, type SmartPunchResult } from "./api.ts";

/** A punch waiting on this device. */
export interface QueuedPunch {
  /** The Idempotency-Key: a retry after a lost answer gets the first answer, not a second punch. */
  key: string;
  /** Whose punch it is (a shared device may sign in someone else meanwhile). */
  login: string;
  /** When it was made, ISO 8601 (this device's clock). */
  at: string;
  kind: "in" | "out" | "auto";
  location?: { latitude: number; longitude: number; accuracyM?: number };
  remark?: string;
  /** A field punch's photo, base64 JPEG or PNG (kept in this device's storage until sent). */
  photo?: string;
}

/** What became of a queued punch once the server answered. */
export type QueueOutcome = { punch: QueuedPunch; result: SmartPunchResult } | { punch: QueuedPunch; error: ApiError };

const STORE_KEY = "attendance.offlinePunches";
/** While punches wait, the server is tried this often (the `online` event is not enough: the server may be down with the network up). */
const RETRY_MS = 15_000;
const listeners = new Set<() => void>();
const outcomeListeners = new Set<(outcome: QueueOutcome) => void>();

function load(): QueuedPunch[] {
  try {
    const items = JSON.parse(localStorage.getItem(STORE_KEY) ?? "[]") as unknown;
    return Array.isArray(items) ? (items as QueuedPunch[]) : [];
  } catch {
    return [];
  }
}

/** Stores the queue; throws the browser's QuotaExceededError when it does not fit (a large photo). */
function save(items: QueuedPunch[]): void {
  if (items.length) localStorage.setItem(STORE_KEY, JSON.stringify(items));
  else localStorage.removeItem(STORE_KEY);
  for (const listener of listeners) listener();
}

/** A random key: crypto.randomUUID needs a secure context, getRandomValues works on plain http too. */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The punches waiting to be sent for `login`, oldest first. */
export function queuedPunches(login: string): QueuedPunch[] {
  return load().filter((p) => p.login === login);
}

/**
 * Keeps a punch made now (by this device's clock) to send later, with its photo if any. Throws
 * `PhotoTooLargeToKeep` when this device's storage cannot hold it (nothing is kept then).
 */
export function queuePunch(login: string, kind: QueuedPunch["kind"], place: Pick<QueuedPunch, "location" | "remark" | "photo"> = {}): QueuedPunch {
  const punch: QueuedPunch = { key: newKey(), login, at: new Date().toISOString(), kind, ...place };
  try {
    save([...load(), punch]);
  } catch (error) {
    if (place.photo && error instanceof DOMException && error.name === "QuotaExceededError") throw new PhotoTooLargeToKeep();
    throw error;
  }
  return punch;
}

/** This device's storage cannot keep the punch's photo until the connection returns. */
export class PhotoTooLargeToKeep extends Error {}

/** Calls `listener` whenever the queue changes. */
export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener` with each punch the server answered (recorded, or refused). */
export function onQueueOutcome(listener: (outcome: QueueOutcome) => void): () => void {
  outcomeListeners.add(listener);
  return () => outcomeListeners.delete(listener);
}

let sending: Promise<void> | null = null;

/**
 * Sends `login`'s waiting punches in the order they were made. One the server refuses (a 4xx:
 * too old, a check-in after the shift) leaves the queue with its reason; a network failure or a
 * server error stops the round, and the punch waits for the next.
 */
export function sendQueued(login: string): Promise<void> {
  sending ??= (async () => {
    try {
      for (const punch of queuedPunches(login)) {
        const outcome = await sendOne(punch);
        if (!outcome) return;
        save(load().filter((p) => p.key !== punch.key));
        for (const listener of outcomeListeners) listener(outcome);
      }
    } finally {
      sending = null;
    }
  })();
  return sending;
}

async function sendOne(punch: QueuedPunch): Promise<QueueOutcome | null> {
  try {
    return { punch, result: await api.smartPunch(punch.kind, { location: punch.location, remark: punch.remark, photo: punch.photo }, { at: punch.at, key: punch.key }) };
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 408 && error.status !== 429) return { punch, error };
    return null;
  }
}

/** Sends `login`'s queue now, when the connection returns, and every RETRY_MS while any wait; returns the stop. */
export function keepSending(login: string): () => void {
  const send = () => {
    if (queuedPunches(login).length) void sendQueued(login);
  };
  send();
  addEventListener("online", send);
  const timer = setInterval(send, RETRY_MS);
  return () => {
    removeEventListener("online", send);
    clearInterval(timer);
  };
}

/** How many punches wait on this device, whoever made them (said while the server cannot be reached). */
export function queuedCount(): number {
  return load().length;
}
