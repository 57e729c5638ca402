#!/usr/bin/env python3
"""The icons and screenshots the desktop file and the AppStream metainfo name are shipped:
Icon= has a scalable (128×128) and a symbolic (16×16, one colour) SVG that parse as SVG, and
every metainfo screenshot is a PNG in docs/screenshots at least 1024 px wide. Prints TAP.

Usage: check-icons.py SOURCE_ROOT
"""
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
results = []
SVG = "{http://www.w3.org/2000/svg}"


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


desktop = open(os.path.join(root, "data", "org.guatu.Guatu.desktop.in"), encoding="utf-8").read()
icon = re.search(r"^Icon=(.+)$", desktop, re.M).group(1).strip()
for kind, name, size in (("scalable", icon, "128"), ("symbolic", icon + "-symbolic", "16")):
    path = os.path.join(root, "data", "icons", "hicolor", kind, "apps", name + ".svg")
    check(f"{kind} icon {name}.svg exists", os.path.isfile(path), path)
    if not os.path.isfile(path):
        continue
    try:
        svg = ET.parse(path).getroot()
    except ET.ParseError as e:
        check(f"{name}.svg parses", False, str(e))
        continue
    check(f"{name}.svg is an SVG document", svg.tag == SVG + "svg", svg.tag)
    check(f"{name}.svg is {size}×{size}",
          svg.get("width") == size and svg.get("height") == size and
          svg.get("viewBox") == f"0 0 {size} {size}",
          f"{svg.get('width')}×{svg.get('height')} viewBox {svg.get('viewBox')}")
    colours = set()
    for el in svg.iter():
        for attr in ("fill", "stroke"):
            value = el.get(attr)
            if value and value.startswith("#"):
                colours.add(value.lower())
    if kind == "symbolic":
        check(f"{name}.svg uses one colour (GTK recolours it)", len(colours) == 1, repr(colours))
    else:
        check(f"{name}.svg has colour", len(colours) >= 2, repr(colours))

metainfo = open(os.path.join(root, "data", "org.guatu.Guatu.metainfo.xml.in"),
                encoding="utf-8").read()
images = re.findall(r"<image>([^<]+)</image>", metainfo)
check("metainfo has screenshots", len(images) >= 2, repr(images))
for url in images:
    base = url.rsplit("/", 1)[-1]
    path = os.path.join(root, "docs", "screenshots", base)
    ok = os.path.isfile(path)
    check(f"screenshot {base} is in docs/screenshots", ok, path)
    if ok:
        with open(path, "rb") as f:
            head = f.read(24)
        is_png = head[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", head[16:24]) if is_png else (0, 0)
        check(f"screenshot {base} is a PNG at least 1024 px wide", is_png and width >= 1024,
              f"{width}×{height}")

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        print(f"# {detail}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
