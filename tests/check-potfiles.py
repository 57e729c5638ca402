#!/usr/bin/env python3
"""Fails when a file with translatable strings is missing from po/POTFILES.in, or when
POTFILES.in names a file that does not exist. Prints TAP."""
import os
import re
import sys

src = sys.argv[1]
listed = [l.strip() for l in open(os.path.join(src, "po", "POTFILES.in"), encoding="utf-8")
          if l.strip() and not l.startswith("#")]
marker_c = re.compile(r'(^|[^A-Za-z_])(_|N_|C_|NC_|ngettext|g_dngettext)\s?\(\s*"')
marker_ui = re.compile(r'translatable="yes"')
needed = []
for top in ("src", "ui"):
    for root, _, files in os.walk(os.path.join(src, top)):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src)
            text = open(path, encoding="utf-8", errors="replace").read()
            if name.endswith((".c", ".h")) and marker_c.search(text):
                needed.append(rel)
            elif name.endswith(".ui") and marker_ui.search(text):
                needed.append(rel)
for name in os.listdir(os.path.join(src, "data")):
    if name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
        needed.append(os.path.join("data", name))

tests = []
for rel in sorted(set(needed)):
    tests.append((f"{rel} is in POTFILES.in", rel in listed))
for rel in listed:
    tests.append((f"POTFILES.in entry {rel} exists", os.path.exists(os.path.join(src, rel))))
print(f"1..{len(tests)}")
for i, (name, ok) in enumerate(tests, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
sys.exit(0 if all(ok for _, ok in tests) else 1)
