#!/usr/bin/env python3
"""guatu-cli score, score-rules, points, redblack, stars, link-score, rectify, fortress and
publish end to end on the demo township: exit codes, JSON with explanations, rules files
round trip and refusals that leave the database unchanged, published results kept.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import json
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import check, finish, json_of, query, run  # noqa: E402


def digest(db):
    """A digest of every row the scoring commands may write."""
    con = sqlite3.connect(db)
    try:
        rows = []
        for table in ("score_rule_sets", "score_items", "score_points", "score_runs",
                      "score_results", "rectifications", "member_events"):
            rows += con.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def refused(name, db, args, code, part):
    taptest.refused(name, db, args, code, part, digest)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)
    n_points = query(db, "SELECT count(*) FROM score_points")[0][0]
    check("the demo holds a year of points", n_points > 215 * 12 * 3, n_points)
    months = query(db, "SELECT count(DISTINCT month) FROM score_points")[0][0]
    check("in twelve months", months == 12, months)
    check("with a few deductions and two downgrades",
          query(db, "SELECT count(*) FROM score_points WHERE category = 'downgrade'")[0][0] == 2
          and query(db, "SELECT count(*) FROM score_points WHERE category = 'penalty'")[0][0] > 5)
    check("the demo's 2026-H1 evaluation is published",
          query(db, "SELECT count(*) FROM score_runs WHERE kind = 'member' AND period = '2026-H1'"
                    " AND published = 1")[0][0] == 1)

    r = run("--help")
    check("help lists the scoring commands", r.returncode == 0 and all(
        c in r.stdout for c in ("score", "score-rules", "points", "redblack", "stars",
                                "link-score", "rectify", "fortress", "publish")), r.stdout)

    # score
    r = run("--db", db, "score", "--period", "2026-Q3", "--json")
    j = json_of(r)
    check("score --json exits 0", r.returncode == 0 and j is not None, r.stderr)
    check("every active member is scored", j and len(j["results"]) ==
          query(db, "SELECT count(*) FROM members WHERE status = 'active'")[0][0])
    first = j["results"][0] if j else {}
    check("a score explains itself: items, bands, notes",
          all(k in first.get("explanation", {}) for k in ("items", "bands", "notes", "formula")),
          first)
    # the explanation adds up: basic + min(bonus, cap) - deductions
    ok = True
    for res in (j or {}).get("results", []):
        e = res["explanation"]
        s = sum(i["points"] for i in e["items"])
        counted = e["basic"] + min(e["bonus"], e["bonus_cap"]) - e["deductions"]
        if abs(counted - res["score"]) > 1e-6 or (e["bonus"] <= e["bonus_cap"] and abs(s - res["score"]) > 1e-6):
            ok = False
    check("every explanation adds up to its score", ok)
    check("rule version recorded", j and j["rule_version"] == 1 and j["published"] is False)

    r = run("--db", db, "score", "--period", "2026")
    check("year ranking warns the last places", r.returncode == 0 and "末位警示" in r.stdout, r.stderr)
    r = run("--db", db, "score", "--period", "2026-H1", "--published", "--json")
    j = json_of(r)
    check("the published half-year can be shown", r.returncode == 0 and j and j["published"], r.stderr)
    refused("a bad period", db, ["score", "--period", "2026-Q5"], 2, "2026-Q5")
    refused("no period", db, ["score"], 2, "--period")
    r = run("--db", db, "score", "--period", "2027", "--published")
    check("nothing published for 2027", r.returncode == 65, r.stderr)

    # points
    r = run("--db", db, "points", "add", "1", "--month", "2026-10", "--item", "bonus_honour",
            "--note", "表彰")
    check("points add exits 0", r.returncode == 0, r.stderr)
    row = query(db, "SELECT points, category, note FROM score_points ORDER BY id DESC LIMIT 1")[0]
    check("the entry has the item's points", row == (5, "bonus", "表彰"), row)
    r = run("--db", db, "points", "add", "1", "--month", "2026-10", "--item", "penalty_absent")
    row = query(db, "SELECT points FROM score_points ORDER BY id DESC LIMIT 1")[0][0]
    check("a deduction is stored negative", r.returncode == 0 and row == -3, row)
    refused("an unknown item", db, ["points", "add", "1", "--month", "2026-10", "--item", "nope"],
            65, "nope")
    refused("a month in the future", db,
            ["points", "add", "1", "--month", "2999-01", "--item", "bonus_honour"], 65, "future")
    refused("an unknown member", db,
            ["points", "add", "999999", "--month", "2026-10", "--item", "bonus_honour"], 65, "999999")
    refused("no item", db, ["points", "add", "1", "--month", "2026-10"], 2, "--item")
    r = run("--db", db, "points", "list", "--member", "1", "--period", "2026-10", "--json")
    j = json_of(r)
    check("points list --json", r.returncode == 0 and j and len(j["entries"]) >= 2, r.stderr)

    # rules
    rules = os.path.join(tmp, "rules.json")
    r = run("--db", db, "score-rules", "export", rules)
    check("score-rules export exits 0", r.returncode == 0 and os.path.exists(rules), r.stderr)
    with open(rules, encoding="utf-8") as f:
        data = json.load(f)
    check("the file has settings and 20 items", data["format"] == "guatu-score-rules"
          and len(data["items"]) == 20 and data["settings"]["member.bottom_share"] == 0.05)
    bad = os.path.join(tmp, "bad.json")
    data["settings"]["member.bottom_share"] = 3
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(data, f)
    refused("a share out of range", db, ["score-rules", "import", bad], 65, "member.bottom_share")
    data["settings"]["member.bottom_share"] = 0.1
    data["items"][0]["category"] = "extra"
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(data, f)
    refused("a bad category", db, ["score-rules", "import", bad], 65, "items[0].category")
    refused("an unknown setting", db, ["score-rules", "set", "member.none", "1"], 2, "member.none")

    # publish, change a rule, recompute: the published set stays
    r = run("--db", db, "publish", "member", "--period", "2026-Q3")
    check("publish exits 0", r.returncode == 0, r.stderr)
    before = query(db, "SELECT r.member_id, r.score, r.grade FROM score_results r"
                       " JOIN score_runs s ON s.id = r.run_id WHERE s.published = 1"
                       " AND s.period = '2026-Q3' ORDER BY r.id")
    r = run("--db", db, "score-rules", "set", "member.band_pass", "70", "--note", "stricter")
    check("score-rules set makes version 2", r.returncode == 0 and
          query(db, "SELECT max(version) FROM score_rule_sets WHERE current = 1")[0][0] == 2,
          r.stderr)
    r = run("--db", db, "score", "--period", "2026-Q3", "--json")
    j = json_of(r)
    check("recomputed with version 2", j and j["rule_version"] == 2 and not j["published"])
    after = query(db, "SELECT r.member_id, r.score, r.grade FROM score_results r"
                      " JOIN score_runs s ON s.id = r.run_id WHERE s.published = 1"
                      " AND s.period = '2026-Q3' ORDER BY r.id")
    check("the published set is unchanged", before == after and len(before) > 200)
    r = run("--db", db, "score", "--period", "2026-Q3", "--published", "--json")
    j = json_of(r)
    check("published shows version 1", j and j["rule_version"] == 1 and j["published"])
    r = run("--db", db, "score-rules", "import", rules)
    check("importing the exported file makes version 3", r.returncode == 0 and
          query(db, "SELECT max(version) FROM score_rule_sets")[0][0] == 3, r.stderr)
    r = run("--db", db, "score-rules", "versions")
    check("versions lists three", r.returncode == 0 and len(r.stdout.strip().splitlines()) == 3,
          r.stdout)

    # red/black, stars, link score, fortress
    r = run("--db", db, "redblack", "--quarter", "2026-Q3", "--json")
    j = json_of(r)
    check("redblack --json", r.returncode == 0 and j and
          {x["class"] for x in j["results"]} <= {"red", "black"} and
          any(x["class"] == "red" for x in j["results"]), r.stderr)
    refused("redblack needs a quarter", db, ["redblack", "--quarter", "2026-H1"], 2, "quarter")
    r = run("--db", db, "stars", "--year", "2026", "--json")
    j = json_of(r)
    check("stars --json", r.returncode == 0 and j and
          all(0 <= x["stars"] <= 5 and 0 <= x["household_stars"] <= 5 for x in j["results"]),
          r.stderr)
    zh = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
    r = run("--db", db, "redblack", "--quarter", "2026-Q3", env=zh)
    check("redblack (zh_CN): the heading names the list in Chinese",
          r.stdout.startswith("红黑榜 2026-Q3"), r.stdout[:80])
    r = run("--db", db, "link-score", "--year", "2026")
    check("link-score: no place 0 (a line to reach, not a ranking)",
          r.returncode == 0 and r.stdout.startswith("Household-link scores 2026")
          and all(line.startswith("-\t") for line in r.stdout.splitlines()[1:]), r.stdout[:200])
    r = run("--db", db, "link-score", "--year", "2026", "--json")
    j = json_of(r)
    check("link-score --json", r.returncode == 0 and j and
          all(0 <= x["score"] <= 100 for x in j["results"]), r.stderr)
    r = run("--db", db, "fortress", "--period", "2026", "--json")
    j = json_of(r)
    check("fortress --json rates the branches", r.returncode == 0 and j and len(j["results"]) >= 10
          and all(x["class"] in ("advanced", "middle", "lagging") for x in j["results"])
          and any(x["class"] == "lagging" for x in j["results"]), r.stderr)
    check("fortress explains its weights", j and all(
        any("weight" in i for i in x["explanation"]["items"]) for x in j["results"]))

    # reports
    import subprocess
    pdf = os.path.join(tmp, "ranking.pdf")
    r = run("--db", db, "score", "report", "ranking", "--period", "2026-H1", "--published",
            "--out", pdf)
    check("score report ranking exits 0", r.returncode == 0, r.stderr)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    check("the ranking is A4 on several pages", "595.276 x 841.89" in info
          and int(info.split("Pages:")[1].split()[0]) >= 5, info)
    words = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    name = query(db, "SELECT name FROM score_results r JOIN score_runs s ON s.id = r.run_id"
                     " WHERE s.published = 1 AND s.period = '2026-H1' ORDER BY r.id LIMIT 1")[0][0]
    check("the ranking names the members and says published", name in words
          and "published" in words and "2026-H1" in words, words[:300])
    pdf = os.path.join(tmp, "redblack.pdf")
    r = run("--db", db, "score", "report", "redblack", "--period", "2026-Q3", "--out", pdf)
    words = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    check("the red/black notice lists both lists", r.returncode == 0 and "Red list" in words
          and "Black list" in words, r.stderr)
    png = os.path.join(tmp, "chart.png")
    r = run("--db", db, "score", "report", "chart", "--period", "2026", "--out", png)
    with open(png, "rb") as f:
        head = f.read(24)
    check("the chart is a 1200 × 700 PNG", r.returncode == 0 and head[:8] == b"\x89PNG\r\n\x1a\n"
          and int.from_bytes(head[16:20], "big") == 1200, r.stderr)
    refused("an unknown report", db, ["score", "report", "nope", "--period", "2026", "--out", pdf],
            2, "nope")
    refused("a report without --out", db, ["score", "report", "ranking", "--period", "2026"], 2,
            "--out")

    # 整转: find a member below the line, or make one
    member = query(db, "SELECT id FROM members WHERE status = 'active' ORDER BY id LIMIT 1")[0][0]
    for _ in range(12):
        run("--db", db, "points", "add", str(member), "--month", "2026-06", "--item",
            "penalty_complaint")
    r = run("--db", db, "link-score", "--year", "2026", "--below")
    check("the member is below the line", r.returncode == 0 and "整转" in r.stdout, r.stdout)
    refused("no year", db, ["rectify", "propose", str(member)], 2, "--year")
    r = run("--db", db, "rectify", "propose", str(member), "--year", "2026", "--date", "2026-11-20")
    check("rectify propose exits 0", r.returncode == 0, r.stderr)
    refused("a second proposal", db,
            ["rectify", "propose", str(member), "--year", "2026", "--date", "2026-11-20"], 65,
            "already")
    org = query(db, "SELECT name FROM organizations WHERE kind = 'branch' AND id <>"
                    " (SELECT org_id FROM members WHERE id = ?) LIMIT 1", member)[0][0]
    refused("approve without a branch", db, ["rectify", "review", "1", "--approve"], 65,
            "rectification branch")
    r = run("--db", db, "rectify", "review", "1", "--approve", "--to", org, "--date", "2026-11-25")
    check("rectify review --approve transfers", r.returncode == 0 and
          query(db, "SELECT o.name FROM members m JOIN organizations o ON o.id = m.org_id"
                    " WHERE m.id = ?", member)[0][0] == org, r.stderr)
    check("as member events", query(db, "SELECT count(*) FROM member_events WHERE member_id = ?"
                                        " AND kind IN ('transfer_out', 'transfer_in')"
                                        " AND date = '2026-11-25'", member)[0][0] == 2)
    r = run("--db", db, "rectify", "list", "--json")
    j = json_of(r)
    check("rectify list shows it transferred", j and j["rectifications"][0]["state"] == "transferred")

finish()
