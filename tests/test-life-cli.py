#!/usr/bin/env python3
"""guatu-cli meetings, dues and report end to end: hand-computed figures on a small
township, refusals that change nothing, the demo's year of meetings and dues, and the A4
PDF reports looked at with pdfinfo and pdftotext (Chinese text in the Chinese locale).

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import check, finish, json_of, query, run  # noqa: E402

ZH = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}


def digest(db):
    """A digest of every row the meetings and dues commands may write."""
    con = sqlite3.connect(db)
    try:
        rows = []
        for table in ("meetings", "meeting_attendance", "meeting_attachments", "life_schedule",
                      "dues_bands", "dues_bases", "dues_payments"):
            rows += con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def refused(name, db, args, code, part):
    taptest.refused(name, db, args, code, part, digest)


FIXTURE = """
INSERT INTO organizations (id, uuid, parent_id, name, kind, org_type, level, founded, mtime) VALUES
 (1, 'o1', NULL, '镇党委', 'committee', 'rural', 'township', '2000-01-01', 'x'),
 (2, 'o2', 1, '一村党支部', 'branch', 'rural', 'village', '2000-01-01', 'x'),
 (3, 'o3', 1, '二村党支部', 'branch', 'rural', 'village', '2000-01-01', 'x');
INSERT INTO members (id, uuid, org_id, name, gender, category, join_date, employment, mtime) VALUES
 (1, 'm1', 2, '张一', 'M', 'full', '2010-03-01', 'employed', 'x'),
 (2, 'm2', 2, '李二', 'F', 'full', '1980-07-01', 'retired', 'x'),
 (3, 'm3', 2, '王三', 'M', 'full', '1995-05-01', 'none', 'x'),
 (4, 'm4', 3, '赵四', 'F', 'full', '2005-01-01', 'employed', 'x');
"""


def pdf_text(path, env=None):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          env=env).stdout


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    return int(info.get("Pages", "0").strip()), info.get("Page size", "").strip()


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "small.db")
    r = run("--db", db, "init")
    check("init exits 0", r.returncode == 0, r.stderr)
    con = sqlite3.connect(db)
    con.executescript(FIXTURE)
    con.commit()
    con.close()

    r = run("--help")
    check("help lists meetings, dues and report",
          all(w in r.stdout for w in ("meetings", "dues", "report")), r.stdout)
    r = run("--db", db, "meetings")
    check("meetings without a subcommand is a usage error", r.returncode == 2, r.stderr)

    # --- meetings ---
    r = run("--db", db, "meetings", "add", "--org", "一村党支部", "--kind", "committee",
            "--date", "2025-01-08", "--topic", "研究发展党员", "--present", "1,3",
            "--absent", "2=外出务工", "--attach", "/srv/记录/签到表.jpg")
    check("meetings add prints the id", r.returncode == 0 and r.stdout.strip() == "1", r.stderr)
    r = run("--db", db, "meetings", "show", "1", "--json")
    m = json_of(r) or {}
    check("show --json: 2 present, 1 absent with reason",
          m.get("present") == 2 and m.get("absent") == 1 and
          [a["reason"] for a in m.get("attendance", []) if not a["present"]] == ["外出务工"], r.stdout)
    check("show --json: the attachment path", [a["path"] for a in m.get("attachments", [])]
          == ["/srv/记录/签到表.jpg"], r.stdout)
    refused("attendee from another branch", db,
            ["meetings", "add", "--org", "一村党支部", "--kind", "committee", "--date", "2025-02-08",
             "--present", "4"], 65, "not on the roster of 一村党支部")
    refused("meeting in the future", db,
            ["meetings", "add", "--org", "一村党支部", "--kind", "committee", "--date", "2999-02-08"],
            65, "future")
    refused("unknown kind", db,
            ["meetings", "add", "--org", "一村党支部", "--kind", "party", "--date", "2025-02-08"],
            65, "“party”")
    refused("bad date", db,
            ["meetings", "add", "--org", "一村党支部", "--kind", "general", "--date", "2025-02-30"],
            65, "2025-02-30")
    refused("missing --date", db, ["meetings", "add", "--org", "一村党支部", "--kind", "general"],
            2, "--date")

    for date in ("2025-02-12", "2025-04-09"):
        run("--db", db, "meetings", "add", "--org", "一村党支部", "--kind", "committee",
            "--date", date)
    for month in range(1, 5):
        run("--db", db, "meetings", "add", "--org", "一村党支部", "--kind", "theme_day",
            "--date", f"2025-{month:02d}-20")
    run("--db", db, "meetings", "add", "--org", "一村党支部", "--kind", "general",
        "--date", "2025-02-10")
    r = run("--db", db, "meetings", "list", "--org", "一村党支部", "--month", "2025-02", "--json")
    check("list --month: 3 meetings in February", len(json_of(r) or []) == 3, r.stdout)

    # Jan–Apr 2025 judged on 2025-04-25: Mar committee missing, Q1 lecture missing;
    # April: committee done, theme day done.
    r = run("--db", db, "meetings", "compliance", "--from", "2025-01", "--to", "2025-04",
            "--org", "一村党支部", "--today", "2025-04-25", "--json")
    cells = {c["month"]: c for c in (json_of(r) or [])}
    check("compliance: January done", cells.get("2025-01", {}).get("status") == "done", r.stdout)
    march = cells.get("2025-03", {})
    check("compliance: March missing (committee, lecture)",
          march.get("status") == "missing" and
          sorted(i["kind"] for i in march.get("items", []) if i["status"] == "missing")
          == ["committee", "lecture"], r.stdout)
    check("compliance: April done", cells.get("2025-04", {}).get("status") == "done", r.stdout)
    r = run("--db", db, "meetings", "compliance", "--month", "2025-05", "--org", "一村党支部",
            "--today", "2025-05-22", "--json")
    cell = (json_of(r) or [{}])[0]
    check("compliance: the 20th passed without a theme day → overdue",
          cell.get("status") == "overdue", r.stdout)
    # Rate Jan–Apr: committee 3/4, theme day 4/4, general Q1 1/1, lecture Q1 0/1 → 8/10.
    r = run("--db", db, "dues", "rate", "一村党支部", "2025-01")
    check("dues rate prints both rates", r.returncode == 0 and "Meetings held" in r.stdout,
          r.stderr)
    r = run("--db", db, "meetings", "compliance", "--from", "2025-01", "--to", "2025-04",
            "--org", "一村党支部")
    check("compliance rate 8 of 10 = 80.0%", "Held: 80.0%" in r.stdout, r.stdout)

    r = run("--db", db, "meetings", "schedule", "set", "lecture", "half", "--type", "农村")
    check("schedule set for a type", r.returncode == 0, r.stderr)
    r = run("--db", db, "meetings", "compliance", "--from", "2025-01", "--to", "2025-04",
            "--org", "一村党支部")
    check("党课 half-yearly: 8 of 9 = 88.9%", "Held: 88.9%" in r.stdout, r.stdout)
    r = run("--db", db, "meetings", "schedule", "--json")
    rules = json_of(r) or []
    check("schedule: theme day by the 20th",
          any(x["kind"] == "theme_day" and x["day"] == 20 and x["org_type"] == "" for x in rules)
          and any(x["org_type"] == "rural" and x["period"] == "half" for x in rules), r.stdout)
    zh = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
    r = run("--db", db, "meetings", "schedule", env=zh)
    check("schedule (zh_CN): periods in Chinese, no codes",
          "每月" in r.stdout and "每半年" in r.stdout and "\tmonth" not in r.stdout
          and "\thalf" not in r.stdout, r.stdout)
    refused("schedule: a weekly period", db, ["meetings", "schedule", "set", "general", "weekly"],
            65, "weekly")

    # --- dues ---
    r = run("--db", db, "dues", "base", "1", "2025", "3000")
    check("base 3000.00 元 in service → 15.00 a month", "15.00" in r.stdout, r.stdout + r.stderr)
    r = run("--db", db, "dues", "base", "1", "2025", "3000.01")
    check("base 3000.01 元 → 30.00 a month", "30.00" in r.stdout, r.stdout + r.stderr)
    r = run("--db", db, "dues", "base", "2", "2025", "5000")
    check("retired 5000.00 元 → 25.00 a month", "25.00" in r.stdout, r.stdout + r.stderr)
    r = run("--db", db, "dues", "base", "3", "2025", "0")
    check("farmer → 0.20 a month", "0.20" in r.stdout, r.stdout + r.stderr)
    refused("base: not an amount", db, ["dues", "base", "1", "2025", "30,00"], 2, "30,00")
    refused("base: three decimals", db, ["dues", "base", "1", "2025", "3000.001"], 2, "3000.001")
    for month in range(1, 13):
        run("--db", db, "dues", "pay", "1", f"2025-{month:02d}", "--date", f"2025-{month:02d}-25")
    for month in range(1, 10):
        run("--db", db, "dues", "pay", "2", f"2025-{month:02d}", "--date", f"2025-{month:02d}-25")
    for month in range(1, 6):
        run("--db", db, "dues", "pay", "3", f"2025-{month:02d}", "--date", f"2025-{month:02d}-25")
    run("--db", db, "dues", "pay", "4", "2025-01", "--amount", "42.5", "--date", "2025-01-25")
    check("payments stored in fen",
          query(db, "SELECT sum(amount_fen) FROM dues_payments WHERE member_id = 1")[0][0] == 12 * 3000
          and query(db, "SELECT amount_fen FROM dues_payments WHERE member_id = 4")[0][0] == 4250)
    refused("pay twice", db, ["dues", "pay", "1", "2025-03", "--date", "2025-04-01"], 65,
            "already paid")
    refused("pay without a base", db, ["dues", "pay", "4", "2025-02", "--date", "2025-04-01"], 65,
            "no dues base")
    refused("pay: a bad month", db, ["dues", "pay", "1", "2025-13"], 65, "2025-13")
    r = run("--db", db, "dues", "arrears", "--as-of", "2025-12", "--json")
    arrears = {a["member_id"]: a for a in (json_of(r) or [])}
    check("arrears: 王三 7 in a row, the 6-month rule",
          arrears.get(3, {}).get("consecutive") == 7 and arrears[3]["rule"] and
          arrears[3]["owed_fen"] == 7 * 20, r.stdout)
    check("arrears: 李二 3 behind, warning only",
          arrears.get(2, {}).get("consecutive") == 3 and arrears[2]["warning"] and
          not arrears[2]["rule"] and arrears[2]["owed_fen"] == 3 * 2500, r.stdout)
    check("arrears: 张一 paid up", 1 not in arrears, r.stdout)
    r = run("--db", db, "dues", "summary", "--year", "2025", "--json")
    summary = {s["org"]: s for s in (json_of(r) or [])}
    check("summary: 一村 26 payments, 360.00 + 225.00 + 1.00 元",
          summary.get("一村党支部", {}).get("payments") == 26 and
          summary["一村党支部"]["total_fen"] == 36000 + 22500 + 100, r.stdout)
    r = run("--db", db, "dues", "bands", "set", "retired", "4000=5", "x=10")
    check("bands set: a bad band is a usage error", r.returncode == 2 and "x=10" in r.stderr,
          r.stderr)
    refused("bands set: not open-ended", db, ["dues", "bands", "set", "retired", "4000=5"], 65,
            "open-ended")
    r = run("--db", db, "dues", "bands", "set", "retired", "4000=5", "-=10")
    r2 = run("--db", db, "dues", "base", "2", "2025", "4000.01")
    check("bands set: retired 4000.01 元 now pays 1% = 40.00", "40.00" in r2.stdout,
          r.stderr + r2.stdout + r2.stderr)

    # --- settings ---
    r = run("--db", db, "dues", "rules", "--warning", "2", "--rule", "7", "--json")
    rules = json_of(r) or {}
    check("dues rules set and shown", rules.get("warning") == 2 and rules.get("rule") == 7, r.stdout)
    r = run("--db", db, "dues", "arrears", "--as-of", "2025-12", "--json")
    arrears = {a["member_id"]: a for a in (json_of(r) or [])}
    check("arrears with the new rules: 王三 (7) flagged, 李二 (3) warned",
          arrears[3]["rule"] and arrears[2]["warning"] and not arrears[2]["rule"], r.stdout)
    refused("dues rules: warning after the rule", db, ["dues", "rules", "--warning", "8"], 65,
            "must not come after")
    refused("meetings legend: not a colour", db, ["meetings", "legend", "set", "missing", "red"],
            65, "“red”")
    r = run("--db", db, "meetings", "legend", "set", "missing", "#ff0000")
    r2 = run("--db", db, "meetings", "legend", "--json")
    check("meetings legend set", r.returncode == 0 and (json_of(r2) or {}).get("missing") == "#ff0000",
          r.stderr + r2.stdout)
    run("--db", db, "dues", "rules", "--warning", "3", "--rule", "6")

    # --- reports from the small township ---
    out = os.path.join(tmp, "arrears.pdf")
    r = run("--db", db, "report", "arrears", "--period", "2025", "--out", out, env=ZH)
    check("report arrears writes a PDF", r.returncode == 0 and os.path.exists(out), r.stderr)
    text = pdf_text(out)
    check("arrears PDF: title and names in Chinese",
          "党费欠交名单" in text and "王三" in text and "李二" in text and "党章第九条" in text, text)
    check("arrears PDF: the note whole, and 预警 as in the list",
          "连续六个月（党章第九条）" in text and "预警" in text and "…" not in text, text)
    refused("report: unknown kind", db, ["report", "ranking2", "--period", "2025", "--out", out],
            2, "ranking2")
    refused("report: a bad period", db, ["report", "arrears", "--period", "2025-Q5", "--out", out],
            65, "2025-Q5")
    r = run("--db", db, "report", "receipts", "--period", "2025-Q1",
            "--out", os.path.join(tmp, "no-such-dir", "r.pdf"))
    check("report into a missing folder fails cleanly", r.returncode == 73 and
          not os.path.exists(os.path.join(tmp, "no-such-dir")), r.stderr)

    # --- the demo's year ---
    demo = os.path.join(tmp, "demo.db")
    r = run("--db", demo, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)
    n = query(demo, "SELECT count(*) FROM meetings")[0][0]
    check("demo: a year of meetings (400+)", n > 400, n)
    check("demo: absentees with reasons",
          query(demo, "SELECT count(*) FROM meeting_attendance WHERE present = 0 AND reason <> ''")[0][0]
          > 100)
    r = run("--db", demo, "meetings", "compliance", "--from", "2025-12", "--to", "2026-11",
            "--today", "2026-12-01", "--json")
    statuses = [c["status"] for c in (json_of(r) or [])]
    check("demo: 22 organisations × 12 months", len(statuses) == 22 * 12, len(statuses))
    check("demo: some months missing, most done",
          statuses.count("missing") >= 5 and statuses.count("done") > len(statuses) // 2,
          (statuses.count("missing"), statuses.count("done")))
    r = run("--db", demo, "dues", "arrears", "--as-of", "2026-11", "--json")
    arrears = json_of(r) or []
    check("demo: members 3+ and 6+ months behind",
          any(a["rule"] for a in arrears) and any(a["warning"] and not a["rule"] for a in arrears),
          r.stdout)

    out = os.path.join(tmp, "compliance.pdf")
    r = run("--db", demo, "report", "compliance", "--period", "2026-11", "--out", out, env=ZH)
    pages, size = pdf_pages(out)
    check("compliance PDF: one A4 page", r.returncode == 0 and pages == 1 and
          size.startswith("595.276 x 841.89"), (r.stderr, pages, size))
    text = pdf_text(out)
    check("compliance PDF: Chinese title, branches and kinds",
          "三会一课" in text and "青石村党支部" in text and "支委会" in text and "主题党日" in text
          and "第 1 页，共 1 页" in text, text)
    out = os.path.join(tmp, "year.pdf")
    r = run("--db", demo, "report", "compliance", "--period", "2026", "--out", out, env=ZH)
    pages, size = pdf_pages(out)
    check("compliance PDF for a year: landscape A4", r.returncode == 0 and
          size.startswith("841.89 x 595.276"), (r.stderr, size))
    out = os.path.join(tmp, "receipts.pdf")
    r = run("--db", demo, "report", "receipts", "--period", "2026", "--out", out, env=ZH)
    pages, size = pdf_pages(out)
    # One subtotal per organisation (payments come grouped by it) and the grand total.
    by_org = query(demo, "SELECT coalesce (o.name, ''), count(*), sum (p.amount_fen)"
                         " FROM dues_payments p LEFT JOIN organizations o ON o.id = p.org_id"
                         " WHERE p.month LIKE '2026-%' GROUP BY p.org_id"
                         " ORDER BY coalesce (o.sort_order, 0), p.org_id")
    rows = sum(n for _, n, _ in by_org) + len(by_org) + 1
    # With the subtotal and total rows: 36 rows fit on the first page and 38 on each further one.
    check("receipts PDF: page breaks", pages == 1 + -(-(rows - 36) // 38), (pages, rows))
    text = pdf_text(out)
    check("receipts PDF: header repeated, totals and page numbers",
          text.count("交纳日期") == pages and "合计" in text and f"第 {pages} 页，共 {pages} 页" in text,
          text[-2000:])
    lines = [line.split() for line in text.splitlines() if "小计" in line]
    want = [(name, f"{n}", "%d.%02d" % (fen // 100, fen % 100)) for name, n, fen in by_org]
    got = [(" ".join(w[2:-3]) if len(w) > 4 else "", w[-3], w[-1]) for w in lines]
    check("receipts PDF: a subtotal per organisation with its payments and amount, in order",
          len(by_org) > 1 and [(g[1], g[2]) for g in got] == [(w[1], w[2]) for w in want]
          and all(w[0] in line for w, line in zip(want, [" ".join(x) for x in lines])),
          repr(got[:5]) + " vs " + repr(want[:5]))
    total_fen = sum(fen for _, _, fen in by_org)
    total_line = [line for line in text.splitlines() if "合计" in line]
    check("receipts PDF: the grand total counts the organisations, payments and amount",
          total_line and f"{len(by_org)} 个组织" in total_line[0]
          and f"{sum(n for _, n, _ in by_org)} 笔" in total_line[0]
          and "%d.%02d" % (total_fen // 100, total_fen % 100) in total_line[0], total_line)

finish()
