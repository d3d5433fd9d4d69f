/**
 * Geodesy and networks for judging where a punch was made: distances (geolib's great-circle
 * distance, ample at office radii of 100-3000 m), GCJ-02 (the "Mars" datum Chinese chat platforms
 * send) to WGS-84 (what browsers give and sites are kept in) with gcoord, and office networks as
 * CIDR ranges checked with Node's own BlockList.
 */
import { BlockList, isIP } from "node:net";
import gcoordModule from "gcoord";
import { getDistance } from "geolib";

/** What we use of gcoord. */
interface Gcoord {
  transform(input: [number, number], from: unknown, to: unknown): [number, number];
  GCJ02: unknown;
  WGS84: unknown;
}
// gcoord's types declare an ES default export; its CommonJS build (what Node loads) is that object itself.
const gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

/** A point on the earth, WGS-84 degrees. */
export interface LatLng {
  latitude: number;
  longitude: number;
}

/** The distance between two points in metres (to the centimetre; a punch is judged at the metre). */
export function distanceM(a: LatLng, b: LatLng): number {
  return getDistance(a, b, 0.01);
}

/** A GCJ-02 point (Amap/Tencent maps, WeCom's and DingTalk's location shares) in WGS-84. */
export function gcj02ToWgs84(p: LatLng): LatLng {
  const [longitude, latitude] = gcoord.transform([p.longitude, p.latitude], gcoord.GCJ02, gcoord.WGS84);
  return { latitude, longitude };
}

/** A CIDR range ("203.0.113.0/24", "2001:db8::/48"), or a bare address meaning just itself. */
export function parseCidr(text: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address, bits, extra] = text.trim().split("/");
  const version = isIP(address ?? "");
  if (!version || extra !== undefined) return null;
  const max = version === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** Whether `address` lies in one of the CIDR ranges (IPv4-mapped IPv6 addresses count as IPv4). */
export function inNetworks(address: string | null | undefined, cidrs: readonly string[]): boolean {
  if (!address || cidrs.length === 0) return false;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const version = isIP(plain);
  if (!version) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const range = parseCidr(cidr);
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  return list.check(plain, version === 4 ? "ipv4" : "ipv6");
}

/**
 * A map link at about 100 m precision (three decimals: 111 m of latitude, less of longitude),
 * for people who may see roughly where a punch was but not the exact spot.
 */
export function coarseMapLink(p: LatLng): string {
  const lat = p.latitude.toFixed(3);
  const lng = p.longitude.toFixed(3);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=16/${lat}/${lng}`;
}
