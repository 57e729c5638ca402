#!/usr/bin/env python3
"""guatu-cli develop, transfer and statistics end to end: exit codes, messages, an unchanged
database after every refusal, the demo's pipeline board, the letter PDF (in Chinese) and the
annual tables adding up.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import check, finish, json_of, query, run  # noqa: E402


def digest(db):
    """A digest of every row the develop and transfer commands may write."""
    con = sqlite3.connect(db)
    try:
        rows = []
        for table in ("applicants", "develop_steps", "transfers", "members", "member_events",
                      "meta"):
            rows += con.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def refused(name, db, args, code, part):
    taptest.refused(name, db, args, code, part, digest)


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True).stdout


def pdfinfo(path):
    return subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout


ZH = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)

    r = run("--help")
    check("help lists develop, transfer and statistics", r.returncode == 0 and "develop" in
          r.stdout and "transfer" in r.stdout and "statistics" in r.stdout, r.stdout)
    r = run("--db", db, "develop")
    check("develop without a subcommand is a usage error", r.returncode == 2, r.stderr)
    r = run("--db", db, "transfer", "bogus")
    check("transfer with a bad subcommand is a usage error", r.returncode == 2, r.stderr)

    # The demo's board: people at every stage, overdue items as of 5 December 2026.
    r = run("--db", db, "develop", "board", "--today", "2026-12-05", "--json")
    board = json_of(r) or []
    stages = {e["stage"] for e in board}
    check("the demo's board has every stage",
          stages >= {"applicant", "activist", "candidate", "probationary", "full"}, repr(stages))
    check("some demo items are overdue", any(e["worst"] == "overdue" for e in board), r.stdout)
    r = run("--db", db, "develop", "due", "--today", "2026-12-05", "--json")
    due = json_of(r) or []
    check("due lists the overdue talk of 刘芳 (by 2026-10-10)",
          any(d["name"] == "刘芳" and d["rule"] == "talk" and d["date"] == "2026-10-10"
              and d["state"] == "overdue" for d in due), r.stdout)
    check("due is sorted by date", [d["date"] for d in due] == sorted(d["date"] for d in due))
    refused("a bad --today", db, ["develop", "due", "--today", "2026-02-30"], 2, "not a date")

    # Adding and steps.
    refused("add without --applied", db, ["develop", "add", "--org", "青石村党支部", "--name",
                                          "甲"], 2, "--applied")
    refused("add under 18", db, ["develop", "add", "--org", "青石村党支部", "--name", "少年",
                                 "--gender", "男", "--birth", "2008-02-29", "--applied",
                                 "2026-02-28"], 65, "2026-03-01")
    refused("add to an unknown branch", db, ["develop", "add", "--org", "不存在支部", "--name",
                                             "乙", "--gender", "男", "--birth", "1990-01-01",
                                             "--applied", "2026-01-05"], 65, "不存在支部")
    r = run("--db", db, "develop", "add", "--org", "青石村党支部", "--name", "测试人",
            "--gender", "女", "--birth", "1994-03-31", "--applied", "2024-01-31")
    check("add prints the new number", r.returncode == 0 and r.stdout.strip().isdigit(), r.stderr)
    aid = r.stdout.strip()
    refused("step out of order", db, ["develop", "step", aid, "3", "--date", "2024-02-10"], 65,
            "next step is 2")
    refused("step 2 without a talker", db, ["develop", "step", aid, "2", "--date", "2024-02-10"],
            65, "谈话人")
    refused("step 99", db, ["develop", "step", aid, "99"], 2, "not a step")
    r = run("--db", db, "develop", "step", aid, "2", "--date", "2024-03-01", "--talker", "余土根",
            "--document", "/tmp/谈话记录.pdf")
    check("step 2 recorded", r.returncode == 0, r.stderr)
    r = run("--db", db, "develop", "show", aid, "--json")
    shown = json_of(r) or {}
    check("show has both steps and the document",
          [s["step"] for s in shown.get("steps", [])] == [1, 2]
          and shown["steps"][1]["documents"] == "/tmp/谈话记录.pdf", r.stdout)
    r = run("--db", db, "develop", "board", "--json", "--today", "2024-03-05")
    mine = [e for e in json_of(r) or [] if str(e["id"]) == aid]
    check("a talk one day late (2024-01-31 + 1 month = 2024-02-29) is a broken rule",
          mine and any(i["rule"] == "talk" and i["state"] == "broken" and i["date"] == "2024-02-29"
                       for i in mine[0]["items"]), r.stdout)

    # Rules as settings.
    refused("an unknown rule", db, ["develop", "rules", "nonsense", "3"], 65, "nonsense")
    refused("a rule out of range", db, ["develop", "rules", "talk_months", "0"], 65,
            "talk_months")
    r = run("--db", db, "develop", "rules", "letter_valid_days", "45")
    r2 = run("--db", db, "develop", "rules", "--json")
    check("rules set and shown", r.returncode == 0 and (json_of(r2) or {}).get(
        "letter_valid_days") == 45 and json_of(r2).get("talk_months") == 1, r.stderr + r2.stdout)

    # Admission through the pipeline: steps up to 16, then admit.
    members_before = query(db, "SELECT count(*) FROM members")[0][0]
    dates = {3: "2024-04-01", 4: "2024-04-02", 5: "2024-04-02", 6: "2024-09-20",
             7: "2025-04-01", 8: "2025-04-02", 9: "2025-04-03", 10: "2025-04-05",
             11: "2025-05-01", 12: "2025-05-10", 13: "2025-05-20", 14: "2025-05-26",
             15: "2025-06-01", 16: "2025-06-10"}
    ok = True
    for step, date in dates.items():
        r = run("--db", db, "develop", "step", aid, str(step), "--date", date, "--talker", "甲",
                "--contact", "乙", "--introducer1", "丙", "--introducer2", "丁")
        ok = ok and r.returncode == 0
        if r.returncode != 0:
            print("#", step, r.stderr)
    check("steps 3 to 16 recorded", ok)
    # Step 16 on the wrong day: withdrawn (in Chinese too) and recorded again.
    r = run("--db", db, "develop", "withdraw", aid, env=ZH)
    check("withdraw takes step 16 back, saying so in Chinese",
          r.returncode == 0 and "第 16 步" in r.stdout and "发展对象" in r.stdout
          and query(db, "SELECT max (step) FROM develop_steps WHERE applicant_id = ?", aid)
          == [(15,)], r.stdout + r.stderr)
    r = run("--db", db, "develop", "step", aid, "16", "--date", "2025-06-11", "--talker", "甲")
    check("step 16 recorded again", r.returncode == 0, r.stderr)
    refused("withdraw without an ID", db, ["develop", "withdraw"], 2, "ID")
    check("no member before the approval",
          query(db, "SELECT count(*) FROM members")[0][0] == members_before)
    r = run("--db", db, "develop", "admit", aid, "--date", "2025-07-15")
    check("admit creates the member", r.returncode == 0 and
          query(db, "SELECT count(*) FROM members")[0][0] == members_before + 1, r.stderr)
    check("admitted on the day of the branch meeting (step 15)",
          query(db, "SELECT join_date, category FROM members WHERE name = '测试人'")
          == [("2025-06-01", "probationary")])
    refused("the admission is not withdrawn", db, ["develop", "withdraw", aid], 65,
            "cannot be withdrawn")

    # Transfers.
    member = query(db, "SELECT id, name FROM members WHERE status = 'active' AND category ="
                       " 'full' ORDER BY id LIMIT 1")[0]
    refused("transfer out without --to", db, ["transfer", "out", str(member[0])], 2, "--to")
    refused("transfer out of an unknown member", db, ["transfer", "out", "99999", "--to", "外县"],
            65, "99999")
    r = run("--db", db, "transfer", "out", str(member[0]), "--to", "中共江山市某镇委员会",
            "--date", "2026-10-01")
    check("transfer out prints the letter's id", r.returncode == 0, r.stderr)
    tid = r.stdout.strip()
    check("the member is transferred out, with the event",
          query(db, "SELECT status FROM members WHERE id = ?", member[0]) == [("transferred_out",)]
          and query(db, "SELECT count(*) FROM member_events WHERE member_id = ? AND kind ="
                        " 'transfer_out'", member[0])[0][0] == 1)
    r = run("--db", db, "transfer", "list", "--json", "--today", "2026-11-16")
    letters = json_of(r) or []
    check("the letter uses the validity setting (45 days → 2026-11-15) and is overdue",
          letters and letters[0]["valid_until"] == "2026-11-15" and letters[0]["overdue"] is True
          and letters[0]["number"] == "2026-001", r.stdout)
    pdf = os.path.join(tmp, "letter.pdf")
    r = run("--db", db, "transfer", "letter", tid, "--out", pdf, env=ZH)
    info = pdfinfo(pdf) if os.path.exists(pdf) else ""
    check("letter PDF written on one A4 page", r.returncode == 0 and "Pages:           1" in info
          and "595.276 x 841.89 pts (A4)" in info, r.stderr + info)
    text = pdftext(pdf) if os.path.exists(pdf) else ""
    if os.environ.get("GUATU_LOCALEDIR"):
        check("the letter has its three parts in Chinese",
              "存根" in text and "介绍信" in text and "回执" in text, text)
    check("the letter names the member and the receiver",
          member[1] in text and "中共江山市某镇委员会" in text and "2026-001" in text, text)
    refused("letter without --out", db, ["transfer", "letter", tid], 2, "--out")
    refused("receipt before the letter", db, ["transfer", "receipt", tid, "--date", "2026-09-30"],
            65, "before")
    r = run("--db", db, "transfer", "receipt", tid, "--date", "2026-10-20")
    r2 = run("--db", db, "transfer", "list", "--open", "--json")
    check("receipt recorded, nothing open", r.returncode == 0 and json_of(r2) == [],
          r.stderr + r2.stdout)
    refused("an expired letter in", db,
            ["transfer", "in", "--number", "X-1", "--from", "外县党委", "--org", "青石村党支部",
             "--issued", "2026-01-01", "--date", "2026-03-01", "--name", "丙", "--gender", "男",
             "--join-date", "2000-07-01"], 65, "expired")
    r = run("--db", db, "transfer", "in", "--number", "X-2", "--from", "中共江山市某镇委员会",
            "--org", "青石村党支部", "--issued", "2026-11-01", "--date", "2026-11-10",
            "--member", str(member[0]))
    check("the member comes back with a letter in", r.returncode == 0 and query(
        db, "SELECT status FROM members WHERE id = ?", member[0]) == [("active",)], r.stderr)

    # Statistics.
    refused("statistics without --year", db, ["statistics"], 2, "--year")
    r = run("--db", db, "statistics", "--year", "2026", "--json")
    stats = json_of(r) or {}
    tables = {t["code"]: t for t in stats.get("tables", [])}
    counts = {row["code"]: row["count"] for row in tables.get("counts", {}).get("rows", [])}
    adds = sum(v for k, v in counts.items() if k.startswith("add_"))
    reds = sum(v for k, v in counts.items() if k.startswith("red_"))
    check("end = start + additions − reductions",
          counts and counts["end"] == counts["start"] + adds - reds, repr(counts))
    check("one transfer out and back in 2026",
          counts.get("red_transfer_out") == 1 and counts.get("add_transfer_in") == 1, repr(counts))
    check("the admitted member of 2025 is not among 2026's admissions",
          all(p["name"] != "测试人" for row in tables["counts"]["rows"] if row["code"] ==
              "add_admission" for p in row["persons"]))
    bad = [t["code"] for t in tables.values() if t["sums_to_end"]
           and sum(row["count"] for row in t["rows"]) != counts["end"]]
    check("every composition table adds up to the year-end total", not bad, repr(bad))
    check("every number has its names", all(row["count"] == len(row["persons"])
                                            for t in tables.values() for row in t["rows"]))
    check("end matches the active members",
          counts["end"] == query(db, "SELECT count(*) FROM members WHERE status = 'active'")[0][0])
    r = run("--db", db, "statistics", "--year", "2025", "--json")
    y2025 = {row["code"]: row["count"] for t in (json_of(r) or {}).get("tables", [])
             if t["code"] == "counts" for row in t["rows"]}
    check("2025's end is 2026's start", y2025.get("end") == counts["start"], repr(y2025))
    out = os.path.join(tmp, "stats.pdf")
    xml = os.path.join(tmp, "stats.xml")
    r = run("--db", db, "statistics", "--year", "2026", "--out", out, "--xml", xml, env=ZH)
    info = pdfinfo(out) if os.path.exists(out) else ""
    check("statistics PDF on A4", r.returncode == 0 and "595.276 x 841.89 pts (A4)" in info,
          r.stderr + info)
    root = ET.parse(xml).getroot() if os.path.exists(xml) else None
    check("statistics XML: root, year and counts",
          root is not None and root.tag == "statistics" and root.get("year") == "2026"
          and int(root.get("end")) == counts["end"], xml)
    refused("statistics for year 1800", db, ["statistics", "--year", "1800"], 65, "1800")

    # "member event … transfer_out" goes through the letter too, never a bare event.
    other = query(db, "SELECT id, name FROM members WHERE status = 'active' ORDER BY id DESC"
                      " LIMIT 1")[0]
    refused("member event transfer_out without --org", db,
            ["member", "event", str(other[0]), "transfer_out"], 2, "--org")
    letters_before = query(db, "SELECT count(*) FROM transfers")[0][0]
    r = run("--db", db, "member", "event", str(other[0]), "transfer_out", "--org", "外县某村党支部",
            "--date", "2026-11-02")
    check("member event transfer_out prints the letter's id", r.returncode == 0
          and r.stdout.strip().isdigit() and "transfer letter" in r.stderr, r.stderr)
    row = query(db, "SELECT member_id, to_org, issued_on, valid_days FROM transfers WHERE id = ?",
                int(r.stdout.strip() or 0))
    check("member event transfer_out keeps the letter (to, date, validity of the setting)",
          query(db, "SELECT count(*) FROM transfers")[0][0] == letters_before + 1 and row ==
          [(other[0], "外县某村党支部", "2026-11-02", 45)], repr(row))
    check("… and the member is transferred out",
          query(db, "SELECT status FROM members WHERE id = ?", other[0]) == [("transferred_out",)])

finish()
