/**
 * Judging where a punch was made (issue 15). On a site: within its radius with an accuracy no
 * worse than the radius (2 km of uncertainty near the door proves nothing), or from one of its
 * networks. Otherwise the department's rule decides: `site` refuses with the distance to the
 * nearest site, `siteOrField` records a field punch (外勤) that needs a remark and waits for the
 * manager, `none` records it as before. A location the device calls mocked is always refused.
 */
import { DomainError } from "./errors.ts";
import { distanceM, inNetworks } from "./geo.ts";
import type { Location, LocationRule, PunchPlace, Site } from "./types.ts";

/** What a person's punches are judged against: their department's rule and the sites that count for them. */
export interface PlaceRule {
  rule: LocationRule;
  /** Active sites assigned to the person or their department (every active site when none is). */
  sites: Site[];
}

/** What a punch brings to show where it was made. */
export interface PlaceEvidence {
  location?: Location | null;
  /** The client's address, as src/http/client.ts works it out; null when unknown (voice, chat, CLI). */
  address?: string | null;
  /** The person's words for a field punch. */
  remark?: string | null;
}

/** Whole metres: what is stored and said. */
const metres = (m: number) => Math.round(m);

/** The nearest site and how far, or null without sites. */
function nearest(sites: Site[], location: Location): { site: Site; distanceM: number } | null {
  let best: { site: Site; distanceM: number } | null = null;
  for (const site of sites) {
    const d = distanceM(location, site);
    if (!best || d < best.distanceM) best = { site, distanceM: d };
  }
  return best;
}

/** The site whose fence holds the location (the nearest such), accuracy permitting. */
function fenceHolding(sites: Site[], location: Location): { site: Site; distanceM: number } | null {
  const accuracy = location.accuracyM ?? 0;
  const inside = sites
    .map((site) => ({ site, distanceM: distanceM(location, site) }))
    .filter((s) => s.distanceM <= s.site.radiusM && accuracy <= s.site.radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
  return inside[0] ?? null;
}

const place = (p: Partial<PunchPlace> & Pick<PunchPlace, "kind">): PunchPlace => ({ siteId: null, site: null, distanceM: null, remark: null, review: null, hasPhoto: false, ...p });

/** Where a punch is, under `rule`; throws the refusal the person is told. */
export function judgePlace(rule: PlaceRule, evidence: PlaceEvidence): PunchPlace {
  const location = evidence.location ?? null;
  if (location?.mocked) throw new DomainError("LOCATION_MOCKED", "Your device reports a mock location; punch with your real location", {});
  const onFence = location && fenceHolding(rule.sites, location);
  if (onFence) return place({ kind: "site", siteId: onFence.site.id, site: onFence.site.name, distanceM: metres(onFence.distanceM) });
  const network = rule.sites.find((s) => inNetworks(evidence.address, s.networks));
  if (network) return place({ kind: "network", siteId: network.id, site: network.name, distanceM: location ? metres(distanceM(location, network)) : null });
  if (rule.rule === "none") return place({ kind: "none" });
  if (!location) throw new DomainError("LOCATION_REQUIRED", "Your punches need your location: allow location access, or share your location in the chat first", { rule: rule.rule });
  const near = nearest(rule.sites, location);
  const details = { distanceM: near ? metres(near.distanceM) : null, site: near?.site.name ?? null, ...(near ? {} : { what: "noSite" }) };
  if (rule.rule === "site") {
    const far = near ? `${details.distanceM} m from ${near.site.name}` : "no site is set up";
    throw new DomainError("OUTSIDE_SITE", `You are outside every punch area (${far})`, details);
  }
  const remark = evidence.remark?.trim();
  if (!remark) throw new DomainError("FIELD_REMARK_REQUIRED", "You are outside every site: a field punch needs a remark saying where and why", details);
  return place({ kind: "field", siteId: near?.site.id ?? null, site: details.site, distanceM: details.distanceM, remark: remark.slice(0, 500), review: "pending" });
}

/** Checks a field punch's photo by its content: JPEG or PNG, at most 2 MB. */
export function checkPhoto(bytes: Buffer): void {
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!jpeg && !png) throw new DomainError("INVALID_PHOTO", "A photo must be a JPEG or PNG image", { types: ["image/jpeg", "image/png"] });
  if (bytes.length > 2 * 1024 * 1024) throw new DomainError("INVALID_PHOTO", "A photo must be at most 2 MB", { maxBytes: 2 * 1024 * 1024 });
}
