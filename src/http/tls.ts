/**
 * HTTPS in this process: the certificate and key from PEM files (`TLS_CERT`, `TLS_KEY`), or a
 * self-signed certificate (`TLS_SELF_SIGNED=1`) made once and kept beside the database, for a
 * trial on the office network: browsers let a page use the microphone only over https (or on
 * localhost), so a phone on the Wi-Fi needs one. It names localhost, this machine's name and
 * its addresses, and is made again when it is missing, expires within 30 days, or no longer
 * names one of the addresses.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, networkInterfaces } from "node:os";
import type { TlsSettings } from "../config.ts";

/** The PEM pair a Node HTTPS server takes, and where it came from (for the start-up line). */
export interface TlsCredentials {
  cert: string;
  key: string;
  /** "files" or the self-signed certificate's path and SHA-256 fingerprint. */
  describe: string;
  selfSigned: boolean;
}

/** The files of the self-signed certificate beside a database. */
export const selfSignedFilesFor = (databaseFile: string) => ({ cert: `${databaseFile}.tls-cert.pem`, key: `${databaseFile}.tls-key.pem` });

const RENEW_BEFORE_MS = 30 * 86_400_000;

/** The names and addresses a certificate for this machine should carry. */
function localNames(): { dns: string[]; ips: string[] } {
  const ips = new Set(["127.0.0.1", "::1"]);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal) ips.add(a.address.replace(/%.*$/, ""));
  return { dns: [...new Set(["localhost", hostname()])], ips: [...ips] };
}

/** Whether a stored certificate still does: not expiring soon, and naming every address. */
function stillGood(certPem: string, nowMs: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (Date.parse(cert.validTo) - nowMs < RENEW_BEFORE_MS) return false;
    return localNames().ips.every((ip) => cert.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}

async function selfSigned(databaseFile: string, nowMs: number): Promise<TlsCredentials> {
  const files = selfSignedFilesFor(databaseFile);
  if (!existsSync(files.cert) || !existsSync(files.key) || !stillGood(readFileSync(files.cert, "utf8"), nowMs)) {
    const { generate } = await import("selfsigned");
    const { dns, ips } = localNames();
    const pems = await generate([{ name: "commonName", value: "voice-attendance (self-signed)" }], {
      keyType: "ec",
      algorithm: "sha256",
      notBeforeDate: new Date(nowMs - 3_600_000),
      notAfterDate: new Date(nowMs + 365 * 86_400_000),
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
      ],
    });
    writeFileSync(files.key, pems.private, { mode: 0o600 });
    writeFileSync(files.cert, pems.cert, { mode: 0o644 });
  }
  const cert = readFileSync(files.cert, "utf8");
  const fingerprint = new X509Certificate(cert).fingerprint256;
  return { cert, key: readFileSync(files.key, "utf8"), describe: `self-signed ${files.cert} (SHA-256 ${fingerprint})`, selfSigned: true };
}

/** The credentials for `settings`, or null for plain HTTP. */
export async function tlsCredentials(settings: TlsSettings | null, databaseFile: string, nowMs = Date.now()): Promise<TlsCredentials | null> {
  if (!settings) return null;
  if (settings.kind === "self-signed") return selfSigned(databaseFile, nowMs);
  return { cert: readFileSync(settings.certFile, "utf8"), key: readFileSync(settings.keyFile, "utf8"), describe: `${settings.certFile}`, selfSigned: false };
}
