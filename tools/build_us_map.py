"""Build campaign/features/charts/us_states.json from us-atlas's states-albers-10m.json (run by hand).

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python tools/build_us_map.py package/states-albers-10m.json > campaign/features/charts/us_states.json

The TopoJSON is already projected (Albers USA, 975x610), so each state's arcs only need decoding
(quantized, delta-encoded), stitching into rings and writing as an SVG path. Points are rounded
to whole pixels (the map is drawn at most 975 wide) and repeated points dropped.
"""
import json
import sys

SOURCE = "us-atlas 3.0.1, states-albers-10m.json (ISC licence, Michael Bostock; data: U.S. Census Bureau)"

# FIPS state codes to postal abbreviations (checked against ../shared/data/congress/zccd.csv).
FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
    "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
    "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
    "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
    "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
    "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
    "54": "WV", "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}


def decode_arcs(topology):
    """Every arc as a list of (x, y) in the projected plane."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path(polygons, arcs):
    """An SVG path `d` of polygons (lists of rings of arc indexes)."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            rounded = []
            for x, y in ring_points(ring, arcs):
                point = (round(x), round(y))
                if not rounded or rounded[-1] != point:
                    rounded.append(point)
            if len(rounded) < 3:
                continue
            head, *rest = rounded
            parts.append(f"M{head[0]},{head[1]}" + "".join(f"L{x},{y}" for x, y in rest) + "Z")
    return "".join(parts)


def build(topology):
    arcs = decode_arcs(topology)
    states = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        states[FIPS[geometry["id"]]] = {"name": geometry["properties"]["name"], "d": path(polygons, arcs)}
    return {"source": SOURCE, "width": 975, "height": 610, "states": dict(sorted(states.items()))}


if __name__ == "__main__":
    with open(sys.argv[1]) as file:
        json.dump(build(json.load(file)), sys.stdout, separators=(",", ":"))
