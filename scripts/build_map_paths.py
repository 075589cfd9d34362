"""Build docs/_data/us-states-albers.json, the state outlines the docs catalogue's map draws.

Source: ``states-albers-10m.json`` from the npm package us-atlas, version 3.0.1 (ISC licence,
by Mike Bostock), itself derived from the U.S. Census Bureau's cartographic boundary files,
2017 edition, 1:10,000,000 (public domain). It is TopoJSON already projected with
``d3.geoAlbersUsa().scale(1300).translate([487.5, 305])`` into a 975x610 frame, Alaska and
Hawaii inset. This script decodes it into one SVG path per state: the quantized arcs are
delta-decoded and scaled by the topology's transform, each ring is stitched from its arcs
(a negative index ``~i`` is arc ``i`` reversed; each arc after the first drops its first point,
which repeats the previous arc's last), and coordinates are rounded to one decimal.

Usage (the docs build reads only the committed output; this is for re-deriving it)::

    cd /tmp && npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python scripts/build_map_paths.py /tmp/package            # rewrite the file
    python scripts/build_map_paths.py /tmp/package --check    # exit 1 if it differs

The input's SHA-256 is pinned, so the output is the same byte for byte on every machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

PACKAGE = "us-atlas"
VERSION = "3.0.1"
MEMBER = "states-albers-10m.json"
SHA256 = "6e7bb086a3c791490361968a3094f377f7726c5d0c4900fec03cc42db2305a3d"
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "_data" / "us-states-albers.json"
WIDTH, HEIGHT = 975, 610

Point = tuple[int, int]  # in tenths of a unit of the 975x610 frame


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc as absolute points, in tenths: delta-decoded, then the transform applied."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        qx = qy = 0
        points: list[Point] = []
        for dx, dy in arc:
            qx += dx
            qy += dy
            points.append((round((qx * sx + tx) * 10), round((qy * sy + ty) * 10)))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """One closed ring stitched from its arcs, consecutive repeats dropped."""
    points: list[Point] = []
    for number, index in enumerate(ring):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if number == 0 else arc[1:])
    kept: list[Point] = []
    for point in points:
        if not kept or point != kept[-1]:
            kept.append(point)
    if len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    return kept


def _number(tenths: int) -> str:
    whole, part = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}.{part}" if part else f"{sign}{whole}"


def path_data(geometry: dict[str, Any], arcs: list[list[Point]]) -> str:
    """An SVG path (absolute coordinates, one decimal) drawing every ring of a geometry."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = ring_points(ring, arcs)
            if len(points) < 3:
                continue  # rounding collapsed it
            coords = " ".join(f"{_number(x)},{_number(y)}" for x, y in points)
            first, _, rest = coords.partition(" ")
            parts.append(f"M{first}L{rest}Z")
    return "".join(parts)


def build(package: Path) -> str:
    """The derived file's text, from the unpacked package folder."""
    raw = (package / MEMBER).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{package / MEMBER}: SHA-256 {digest}, expected {SHA256}")
    topology = json.loads(raw)
    arcs = decode_arcs(topology)
    shapes = {
        g["id"]: {"name": g["properties"]["name"], "d": path_data(g, arcs)}
        for g in topology["objects"]["states"]["geometries"]
    }
    head = {
        "source": f"{PACKAGE} {VERSION}, {MEMBER} (ISC licence); from the U.S. Census Bureau's "
        "cartographic boundary files, 2017 edition (public domain). See README.md.",
        "width": WIDTH,
        "height": HEIGHT,
    }
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "states": {']
    rows = [f"{json.dumps(f)}: {json.dumps(shapes[f], ensure_ascii=False)}" for f in sorted(shapes)]
    lines.append(",\n".join(rows))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked us-atlas package folder")
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    args = parser.parse_args(argv)
    text = build(args.package)
    json.loads(text)  # the hand-laid-out file is valid JSON
    name = TARGET.relative_to(ROOT)
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{name} is out of date: run python scripts/build_map_paths.py PACKAGE")
            return 1
        print(f"{name} is up to date")
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {name} ({len(text.encode()):,} bytes, {text.count(chr(10)) - 2} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
