#!/usr/bin/env python3
"""guatu-cli render and legend end to end: PDF page sizes (pdfinfo), tiles counted by hand,
Chinese text in the PDF (pdftotext), SVG and PNG output, the legend settings, and clear
refusals of bad calls that leave no file behind.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import os
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import check, finish, json_of, run  # noqa: E402

ZH = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}


def pdfinfo(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", out, re.M)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    return (int(pages.group(1)) if pages else 0,
            (float(size.group(1)), float(size.group(2))) if size else None)


def pdftext(path, first=None):
    args = ["pdftotext", "-q"]
    if first:
        args += ["-f", str(first), "-l", str(first)]
    return subprocess.run(args + [path, "-"], capture_output=True, text=True).stdout


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24]) if head[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)


def png_size_and_pixels(path):
    """Width, height and the set of RGB colours of an 8-bit RGB/RGBA PNG (as cairo writes)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    w = h = ctype = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    bpp = 4 if ctype == 6 else 3
    stride = w * bpp
    colours = {}
    prev = bytearray(stride)
    i = 0
    for _ in range(h):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            key = bytes(line[x:x + 3])
            colours[key] = colours.get(key, 0) + 1
        prev = line
    return w, h, colours


def meta_digest(db):
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT * FROM meta ORDER BY key").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo database", r.returncode == 0, r.stderr)

    def out(name):
        return os.path.join(tmp, name)

    # One sheet of each paper size: A0 is 2383.94 × 3370.39 pt.
    for chart in ("route", "battle", "guide"):
        r = run("--db", db, "render", "--chart", chart, "--paper", "A0", "--today", "2026-07-20",
                "--out", out(f"{chart}.pdf"), env=ZH)
        check(f"render {chart} A0: exit 0", r.returncode == 0, r.stderr)
        pages, size = pdfinfo(out(f"{chart}.pdf"))
        check(f"render {chart} A0: one page", pages == 1, pages)
        check(f"render {chart} A0: 2383.94 × 3370.39 pt", size == (2383.94, 3370.39), size)
        text = pdftext(out(f"{chart}.pdf"))
        check(f"render {chart}: Chinese project names in the PDF",
              "赏石文化党建示范带" in text and "水北村美丽庭院示范区" in text, text[:300])
        title = {"route": "路线图", "battle": "作战图", "guide": "工作导图"}[chart]
        check(f"render {chart}: Chinese title and date", title in text
              and "截至 2026年7月20日" in text, text[:300])

    # The route map's time node names are written at one size: the last one of a row, near
    # the end of the time axis, was squeezed to a few points against the edge.
    r = run("--db", db, "render", "--chart", "route", "--paper", "A0", "--out",
            out("route-now.pdf"), env=ZH)
    bbox = subprocess.run(["pdftotext", "-bbox", out("route-now.pdf"), "-"],
                          capture_output=True, text=True).stdout
    widths = [float(m.group(2)) - float(m.group(1)) for m in re.finditer(
        r'xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">(?:方案制定|验收销号)<', bbox)]
    check("route map: every 方案制定 and 验收销号 at one size",
          r.returncode == 0 and len(widths) > 40 and min(widths) > 0.9 * max(widths),
          (len(widths), min(widths, default=0), max(widths, default=0)))

    r = run("--db", db, "render", "--chart", "route", "--paper", "a3", "--landscape",
            "--out", out("route-a3.pdf"))
    pages, size = pdfinfo(out("route-a3.pdf"))
    check("render A3 landscape: 1190.55 × 841.89 pt", r.returncode == 0 and size == (1190.55, 841.89),
          f"{size} {r.stderr}")

    r = run("--db", db, "render", "--chart", "route", "--paper", "A2", "--landscape",
            "--out", out("route-a2.pdf"))
    check("render A2 landscape route: no note (its labels are readable)",
          r.returncode == 0 and "Note" not in r.stderr, r.stderr)

    # The demo's 48 projects on one A4 sheet: most milestone names are under 5 pt, and the
    # note names the paper on which they are not; the battle map on A4 is readable.
    r = run("--db", db, "render", "--chart", "route", "--paper", "A4", "--landscape",
            "--out", out("route-a4.pdf"), env=ZH)
    check("render route A4: a note on small labels naming a larger paper",
          r.returncode == 0 and re.search(r"A4 上 \d+ 个标签中有 \d+ 个小于 5 磅（最小 3\.5 磅）",
                                          r.stderr) is not None
          and re.search(r"换用 A[0-3] 即可看清", r.stderr) is not None, r.stderr)
    r = run("--db", db, "render", "--chart", "battle", "--paper", "A4", "--landscape",
            "--out", out("battle-a4.pdf"))
    check("render battle A4: no note", r.returncode == 0 and "Note" not in r.stderr, r.stderr)

    # Tiled: A0 portrait on A4, 10 mm margins, 10 mm overlap: printable 190 × 277 mm, steps
    # 180 × 267 mm: ceil(831/180) = 5 columns × ceil(1179/267) = 5 rows = 25 + overview.
    r = run("--db", db, "render", "--chart", "battle", "--paper", "A0", "--tile", "A4",
            "--overlap", "10", "--out", out("tiles.pdf"), "--today", "2026-07-20", env=ZH)
    pages, size = pdfinfo(out("tiles.pdf"))
    check("tiles A0 on A4: 26 pages", r.returncode == 0 and pages == 26, f"{pages} {r.stderr}")
    check("tiles A0 on A4: A4 portrait sheets", size == (595.276, 841.89), size)
    check("tiles: overview first", "拼接示意图：共 25 张，5 列 × 5 行" in pdftext(out("tiles.pdf"), 1),
          pdftext(out("tiles.pdf"), 1)[:200])
    check("tiles: sheet 8 is B-3", "B-3" in pdftext(out("tiles.pdf"), 9), pdftext(out("tiles.pdf"), 9)[:200])
    # No overlap: steps are the whole printable 190 × 277 mm: ceil(841/190) = 5 × ceil(1189/277) = 5.
    # A3 with 20 mm: printable 277 × 400, steps 257 × 380 (portrait): ceil(821/257) = 4 ×
    # ceil(1169/380) = 4 = 16; landscape steps 380 × 257: ceil(821/380) = 3 × ceil(1169/257) = 5 = 15.
    r = run("--db", db, "render", "--chart", "route", "--paper", "A0", "--tile", "A3",
            "--overlap", "20", "--out", out("tiles-a3.pdf"))
    pages, size = pdfinfo(out("tiles-a3.pdf"))
    check("tiles A0 on A3 with 20 mm overlap: 15 sheets + overview, landscape",
          r.returncode == 0 and pages == 16 and size == (1190.55, 841.89), f"{pages} {size} {r.stderr}")

    # A1 on A4 (10 mm margins and overlap): portrait sheets, steps 180 × 267 mm, would take
    # ceil(584/180) = 4 × ceil(831/267) = 4 = 16 with a last row a seventh full; landscape
    # sheets, steps 267 × 180 mm: ceil(584/267) = 3 × ceil(831/180) = 5 = 15.
    for landscape, want, want_size in ((False, 15, (841.89, 595.276)),
                                       (True, 15, (595.276, 841.89))):
        name = out("a1-on-a4-%s.pdf" % ("landscape" if landscape else "portrait"))
        r = run("--db", db, "render", "--chart", "battle", "--paper", "A1", "--tile", "A4",
                *(["--landscape"] if landscape else []), "--out", name, "--today", "2026-07-20")
        pages, size = pdfinfo(name)
        check(f"tiles A1{' landscape' if landscape else ''} on A4: {want} sheets + overview,"
              f" {want_size}", r.returncode == 0 and pages == want + 1 and size == want_size,
              f"{pages} {size} {r.stderr}")
        # every sheet carries some of the chart, none is blank: 3 % of its pixels or more are
        # ink (the emptiest, a corner tile of the battle chart, has about 6 %)
        prefix = os.path.join(os.path.dirname(name), "a1-page")
        subprocess.run(["pdftoppm", "-png", "-r", "12", name, prefix], check=True)
        inked = []
        for page in sorted(f for f in os.listdir(os.path.dirname(name))
                           if f.startswith("a1-page") and f.endswith(".png")):
            w, h, colours = png_size_and_pixels(os.path.join(os.path.dirname(name), page))
            white = colours.get(b"\xff\xff\xff", 0)
            inked.append(round(1 - white / (w * h), 3))
            os.unlink(os.path.join(os.path.dirname(name), page))
        check(f"tiles A1{' landscape' if landscape else ''} on A4: no blank sheet",
              len(inked) == want + 1 and min(inked) >= 0.03, repr(inked))

    # A chart no larger than the sheets asked for is one page, not an overview and two tiles.
    r = run("--db", db, "render", "--chart", "battle", "--paper", "A4", "--landscape", "--tile",
            "A4", "--out", out("a4-on-a4.pdf"), env=ZH)
    pages, size = pdfinfo(out("a4-on-a4.pdf"))
    check("A4 tiled on A4: one landscape page and a note", r.returncode == 0 and pages == 1
          and size == (841.89, 595.276) and "A4 图表一张 A4 纸即可打印" in r.stderr,
          f"{pages} {size} {r.stderr}")

    # SVG and PNG.
    r = run("--db", db, "render", "--chart", "guide", "--out", out("guide.svg"))
    with open(out("guide.svg"), encoding="utf-8") as f:
        svg = f.read()
    check("svg: an SVG of A4 size in points", r.returncode == 0 and "<svg" in svg
          and 'width="595.275591pt"' in svg, svg[:300])

    r = run("--db", db, "legend", "set", "overdue", "--colour", "#E01010")
    check("legend set overdue colour", r.returncode == 0, r.stderr)
    r = run("--db", db, "legend", "set", "on_track", "--colour", "#2040E0", "--meaning",
            "蓝色：按期推进")
    check("legend set on_track colour and meaning", r.returncode == 0, r.stderr)
    r = run("--db", db, "render", "--chart", "battle", "--format", "png", "--dpi", "72",
            "--today", "2026-09-20", "--out", out("battle.png"))
    check("png: exit 0", r.returncode == 0, r.stderr)
    w, h, colours = png_size_and_pixels(out("battle.png"))
    check("png at 72 dpi: 596 × 842 px", (w, h) == (596, 842), (w, h))
    # On 2026-09-20 three projects are overdue, four on track: solid discs of those colours.
    check("png: overdue red markers", colours.get(bytes([0xE0, 0x10, 0x10]), 0) > 3 * 40,
          colours.get(bytes([0xE0, 0x10, 0x10])))
    check("png: on-track blue markers", colours.get(bytes([0x20, 0x40, 0xE0]), 0) > 4 * 40,
          colours.get(bytes([0x20, 0x40, 0xE0])))
    r = run("--db", db, "render", "--chart", "battle", "--format", "png", "--dpi", "144",
            "--out", out("battle144.png"))
    w, h = png_size(out("battle144.png"))
    check("png at 144 dpi: 1191 × 1684 px", (w, h) == (1191, 1684), (w, h))
    text = pdftext(out("tiles.pdf"), 1)
    r = run("--db", db, "render", "--chart", "battle", "--out", out("legend.pdf"), env=ZH)
    check("legend meaning printed", "蓝色：按期推进" in pdftext(out("legend.pdf")),
          pdftext(out("legend.pdf"))[:300])

    # The title block's leader and the work guide's goal.
    r = run("--db", db, "legend", "set", "leader", "徐卫东")
    r2 = run("--db", db, "legend", "set", "goal", "双全示范：三年任务两年完成")
    run("--db", db, "render", "--chart", "guide", "--out", out("goal.pdf"), env=ZH)
    text = pdftext(out("goal.pdf"))
    check("legend set leader and goal: printed", r.returncode == 0 and r2.returncode == 0
          and "责任领导：徐卫东" in text and "双全示范：三年任务两年完成" in text, text[:400])

    # Legend show.
    r = run("--db", db, "legend", "show", "--json")
    j = json_of(r) or {}
    entries = {e["status"]: e for e in j.get("legend", [])}
    check("legend show --json", r.returncode == 0 and entries.get("overdue", {}).get("colour")
          == "#E01010" and entries.get("on_track", {}).get("meaning") == "蓝色：按期推进"
          and j.get("at_risk_days") == 14, r.stdout)
    r = run("--db", db, "legend", "set", "at-risk-days", "7")
    r2 = run("--db", db, "legend", "show")
    check("legend set at-risk-days", r.returncode == 0 and "at-risk days: 7" in r2.stdout,
          r.stderr + r2.stdout)

    # Refusals: exit 2, one line naming the problem, nothing written or changed.
    def refused(name, args, part, code=2):
        target = out("refused.pdf")
        before = meta_digest(db)
        r = run("--db", db, *args)
        check(f"{name}: exit {code}", r.returncode == code, f"{r.returncode}: {r.stderr}")
        check(f"{name}: says “{part}”", part in r.stderr and r.stderr.count("\n") == 1, r.stderr)
        check(f"{name}: no file", not os.path.exists(target))
        check(f"{name}: settings unchanged", meta_digest(db) == before)

    refused("bad chart", ["render", "--chart", "pie", "--out", out("refused.pdf")], "“pie”")
    refused("bad paper", ["render", "--chart", "route", "--paper", "B5", "--out",
                          out("refused.pdf")], "“B5”")
    refused("bad tile", ["render", "--chart", "route", "--tile", "A2", "--out",
                         out("refused.pdf")], "--tile")
    refused("overlap without tile", ["render", "--chart", "route", "--overlap", "5", "--out",
                                     out("refused.pdf")], "--overlap")
    refused("tiles as svg", ["render", "--chart", "route", "--paper", "A2", "--tile", "A4",
                             "--format", "svg",
                             "--out", out("refused.pdf")], "PDF")
    refused("dpi too large for A0", ["render", "--chart", "route", "--paper", "A0", "--format",
                                     "png", "--dpi", "1200", "--out", out("refused.pdf")], "dpi")
    refused("bad format", ["render", "--chart", "route", "--out", out("refused.pdf"), "--format",
                           "gif"], "“gif”")
    refused("no out", ["render", "--chart", "route"], "--out")
    refused("bad date", ["render", "--chart", "route", "--today", "2026-02-30", "--out",
                         out("refused.pdf")], "2026-02-30")
    refused("legend bad colour", ["legend", "set", "done", "--colour", "green"], "“green”")
    refused("legend bad status", ["legend", "set", "late", "--colour", "#00FF00"], "“late”")
    refused("legend empty meaning", ["legend", "set", "done", "--meaning", " "], "empty", 65)
    refused("legend empty goal", ["legend", "set", "goal", " "], "goal")
    refused("legend bad days", ["legend", "set", "at-risk-days", "-3"], "-3")
    refused("legend too many days", ["legend", "set", "at-risk-days", "99999"], "99999", 65)

    # As of a past date: a project added since (today) is not drawn, nor counted in the
    # title line's total; drawn for today it is. Its start date, long before, does not matter.
    r = run("--db", db, "render", "--chart", "route", "--today", "2026-07-20",
            "--out", out("before.pdf"))
    before = re.search(r"(\d+) (?:个项目|projects?)$", r.stdout.strip())
    r = run("--db", db, "project", "add", "--name", "归档日后新增示范点", "--kind", "point",
            "--org", "中共常山县青石镇赏石小镇委员会", "--leader", "杨双", "--cadre", "程志刚",
            "--start", "2026-03-01", "--milestone", "方案制定@2026-05-01")
    check("as-of: project added today", r.returncode == 0, r.stderr)
    for chart in ("route", "battle", "guide"):
        r = run("--db", db, "render", "--chart", chart, "--today", "2026-07-20", "--paper", "A0",
                "--out", out(f"asof-{chart}.pdf"), env=ZH)
        count = re.search(r"(\d+) (?:个项目|projects?)$", r.stdout.strip())
        text = pdftext(out(f"asof-{chart}.pdf"))
        check(f"as-of {chart}: exit 0, same count as before the project was added",
              r.returncode == 0 and before and count and count.group(1) == before.group(1),
              f"{r.stdout} {r.stderr} {before and before.group(1)}")
        check(f"as-of {chart}: the later project is not drawn", "归档日后新增示范点" not in text,
              text[:300])
        check(f"as-of {chart}: the title counts what is drawn",
              before and f"{before.group(1)} 个项目" in text, text[:300])
        r = run("--db", db, "render", "--chart", chart, "--paper", "A0",
                "--out", out(f"now-{chart}.pdf"), env=ZH)
        count = re.search(r"(\d+) (?:个项目|projects?)$", r.stdout.strip())
        check(f"today {chart}: the project is drawn, one more counted",
              r.returncode == 0 and "归档日后新增示范点" in pdftext(out(f"now-{chart}.pdf"))
              and before and count and int(count.group(1)) == int(before.group(1)) + 1,
              f"{r.stdout} {r.stderr}")

    # A file that cannot be written: the directory does not exist.
    r = run("--db", db, "render", "--chart", "route", "--out", os.path.join(tmp, "no", "x.pdf"))
    check("unwritable: exit 73, names the file", r.returncode == 73 and "x.pdf" in r.stderr,
          f"{r.returncode} {r.stderr}")

finish()
