import { describe, expect, it } from "vitest";
import { coarseMapLink, distanceM, gcj02ToWgs84, inNetworks, parseCidr } from "../../src/attendance/geo.ts";

describe("geodesy and networks for places", () => {
  it("measures the Nashville-Los Angeles great circle as published (2887.26 km on a 6372.8 km sphere; 2889.68 km on WGS-84's equatorial radius)", () => {
    const d = distanceM({ latitude: 36.12, longitude: -86.67 }, { latitude: 33.94, longitude: -118.4 });
    expect(d / 1000).toBeCloseTo((2887.26 * 6378.137) / 6372.8, 0);
  });

  it("converts GCJ-02 to WGS-84 as the published pairs say (eviltransform's Shanghai, Shenzhen, Beijing; coordtransform's Beijing)", () => {
    const pairs = [
      // wgsLat, wgsLng, gcjLat, gcjLng (eviltransform's test vectors)
      [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
      [22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
      [39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
    ];
    for (const [wgsLat, wgsLng, gcjLat, gcjLng] of pairs) {
      const wgs = gcj02ToWgs84({ latitude: gcjLat, longitude: gcjLng });
      expect(distanceM(wgs, { latitude: wgsLat, longitude: wgsLng })).toBeLessThan(1);
      // The offset itself is hundreds of metres: a conversion left out would fail here.
      expect(distanceM({ latitude: gcjLat, longitude: gcjLng }, { latitude: wgsLat, longitude: wgsLng })).toBeGreaterThan(300);
    }
    // coordtransform's README: gcj02towgs84(116.404, 39.915) = [116.39775550083061, 39.91359571849836]
    const b = gcj02ToWgs84({ latitude: 39.915, longitude: 116.404 });
    expect(b.longitude).toBeCloseTo(116.39775550083061, 9);
    expect(b.latitude).toBeCloseTo(39.91359571849836, 9);
  });

  it("checks addresses against CIDR ranges, IPv4, IPv4-mapped and IPv6", () => {
    expect(inNetworks("203.0.113.77", ["203.0.113.0/24"])).toBe(true);
    expect(inNetworks("::ffff:203.0.113.77", ["203.0.113.0/24"])).toBe(true);
    expect(inNetworks("203.0.114.1", ["203.0.113.0/24"])).toBe(false);
    expect(inNetworks("2001:db8:1::5", ["2001:db8::/32"])).toBe(true);
    expect(inNetworks("198.51.100.7", ["198.51.100.7"])).toBe(true);
    expect(inNetworks(null, ["0.0.0.0/0"])).toBe(false);
    expect(parseCidr("203.0.113.0/33")).toBeNull();
    expect(parseCidr("not-an-address/8")).toBeNull();
  });

  it("gives map links at three decimals (about 100 m), never the exact point", () => {
    expect(coarseMapLink({ latitude: 31.230416, longitude: 121.473701 })).toBe("https://www.openstreetmap.org/?mlat=31.230&mlon=121.474#map=16/31.230/121.474");
  });
});
