/**
 * Password hashing: scrypt on libuv's thread pool (never on the event loop), its parameters kept
 * with each hash in a PHC-style string, `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64 without
 * padding), so a stronger setting later re-hashes each password at its owner's next sign-in.
 * Hashes of the first release (`salthex:hashhex`, scrypt N=2^14) are still read, and replaced.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** Passwords shorter than this are refused (ASVS 2.1.1). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer ones too: scrypt reads all of it, and nobody types more. */
export const MAX_PASSWORD_LENGTH = 256;

/** scrypt's cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** OWASP's recommendation: N = 2^17 (128 MiB per hash), r = 8, p = 1. */
export const DEFAULT_SCRYPT: ScryptParams = { ln: 17, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const LEGACY: ScryptParams = { ln: 14, r: 8, p: 1 };
const b64 = (b: Buffer) => b.toString("base64").replace(/=+$/, "");

function derive(password: string, salt: Buffer, params: ScryptParams, bytes: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128 * N * r bytes; Node refuses above maxmem (32 MiB by default).
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 129 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, bytes, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** A stored hash taken apart; null when it is not one we wrote. */
function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const phc = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (phc) {
    const params = { ln: Number(phc[1]), r: Number(phc[2]), p: Number(phc[3]) };
    if (params.ln < 10 || params.ln > 22 || params.r < 1 || params.p < 1) return null;
    return { params, salt: Buffer.from(phc[4], "base64"), hash: Buffer.from(phc[5], "base64") };
  }
  const legacy = /^([0-9a-f]{32}):([0-9a-f]{64})$/.exec(stored);
  if (legacy) return { params: LEGACY, salt: Buffer.from(legacy[1], "hex"), hash: Buffer.from(legacy[2], "hex") };
  return null;
}

/** At most this many hashes at once: each takes 128 MiB, and sign-in is not worth more cores. */
class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Hashes and checks passwords with one set of scrypt parameters (tests pass cheaper ones). */
export class PasswordHasher {
  private readonly gate: Gate;
  /** A hash of nothing anyone knows, checked for unknown logins so that they take as long. */
  private decoy: Promise<string> | null = null;

  constructor(
    readonly params: ScryptParams = DEFAULT_SCRYPT,
    // One at a time: on a two-core server, two hashes of a guessing attack took both cores from
    // the event loop (health p99 went past 50 ms); the other guesses wait in the gate's queue.
    concurrency = 1,
  ) {
    this.gate = new Gate(concurrency);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const { ln, r, p } = this.params;
    const key = await this.gate.run(() => derive(password, salt, this.params, KEY_BYTES));
    return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
  }

  /**
   * Whether `password` matches `stored`, and whether `stored` should be replaced by a hash with
   * today's parameters. With no stored hash (unknown login, no password set) a decoy is checked
   * instead, so the answer takes as long as for a real one and says no.
   */
  async verify(password: string, stored: string | null): Promise<{ ok: boolean; rehash: boolean }> {
    const parsed = stored ? parse(stored) : null;
    if (!parsed) {
      const decoy = parse(await (this.decoy ??= this.hash(randomBytes(18).toString("base64"))))!;
      await this.gate.run(() => derive(password, decoy.salt, decoy.params, decoy.hash.length));
      return { ok: false, rehash: false };
    }
    const key = await this.gate.run(() => derive(password, parsed.salt, parsed.params, parsed.hash.length));
    const ok = key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
    const { ln, r, p } = this.params;
    const rehash = ok && (parsed.params.ln !== ln || parsed.params.r !== r || parsed.params.p !== p || parsed.hash.length !== KEY_BYTES);
    return { ok, rehash };
  }
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Passwords have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

/** A one-time password to type once: 16 characters from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}
