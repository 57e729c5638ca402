#!/usr/bin/env python3
"""debian/ agrees with build-aux/dev.sh: every package of dev.sh's build section is a
Build-Depends of debian/control, every binary package has an .install file, and rules,
changelog, copyright and source/format are there. Prints TAP.

Usage: check-debian.py SOURCE_ROOT
"""
import os
import re
import sys

root = sys.argv[1]
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def read(*parts):
    with open(os.path.join(root, *parts), encoding="utf-8") as f:
        return f.read()


def build_packages(dev_sh):
    """The packages between '# build' and the next comment in the packages=( … ) list."""
    block = re.search(r"^packages=\((.*?)^\)", dev_sh, re.M | re.S)
    names, in_build = [], False
    for line in block.group(1).splitlines():
        line = line.strip()
        if line.startswith("#"):
            in_build = line == "# build"
            continue
        if in_build:
            names += line.split()
    return names


def control_fields(control):
    """Paragraphs of debian/control as dicts, continuation lines joined."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", control.strip()):
        fields, key = {}, None
        for line in para.splitlines():
            if line.startswith((" ", "\t")) and key:
                fields[key] += " " + line.strip()
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
        paragraphs.append(fields)
    return paragraphs


def relation_names(value):
    """Package names of a relation field, without versions, architectures or profiles."""
    names = set()
    for item in value.split(","):
        for alt in item.split("|"):
            alt = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alt).strip()
            if alt:
                names.add(alt.split(":")[0])
    return names


dev = build_packages(read("build-aux", "dev.sh"))
check("dev.sh has a build section", len(dev) >= 10, repr(dev))
paragraphs = control_fields(read("debian", "control"))
source = paragraphs[0]
build_depends = relation_names(source.get("Build-Depends", ""))
for name in dev:
    check(f"Build-Depends lists {name}", name in build_depends,
          "add it to debian/control (it is in build-aux/dev.sh's build section)")
check("Build-Depends has debhelper-compat", "debhelper-compat" in build_depends)
binaries = [p["Package"] for p in paragraphs[1:] if "Package" in p]
check("binary packages guatu and guatu-cli", binaries == ["guatu", "guatu-cli"], repr(binaries))
for package in binaries:
    path = os.path.join(root, "debian", package + ".install")
    check(f"debian/{package}.install exists", os.path.isfile(path))
for package in binaries:
    manpages = os.path.join(root, "debian", package + ".manpages")
    check(f"debian/{package}.manpages names an existing page",
          os.path.isfile(manpages) and all(os.path.isfile(os.path.join(root, line.strip()))
                                           for line in open(manpages) if line.strip()))
for name in ("rules", "changelog", "copyright", os.path.join("source", "format")):
    check(f"debian/{name} exists", os.path.isfile(os.path.join(root, "debian", name)))
check("debian/rules is executable", os.access(os.path.join(root, "debian", "rules"), os.X_OK))
check("debian/rules uses dh with meson",
      "--buildsystem=meson" in read("debian", "rules"))
changelog = read("debian", "changelog").splitlines()[0]
meson_version = re.search(r"version:\s*'([^']+)'", read("meson.build")).group(1)
check("debian/changelog has the project's version",
      re.match(r"guatu \(" + re.escape(meson_version) + r"(-\d+)?\)", changelog) is not None,
      f"{changelog!r} vs meson.build {meson_version}")

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and detail:
        print(f"# {detail}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
