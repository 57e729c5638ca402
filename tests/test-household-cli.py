#!/usr/bin/env python3
"""guatu-cli household, rules and card end to end: exit codes, messages, an unchanged
database after every refusal, the reports, the rules and the heart-link card PDF.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import CLI, check, finish, json_of, query, run  # noqa: E402





def digest(db):
    """A digest of every row the household commands may write."""
    con = sqlite3.connect(db)
    try:
        rows = []
        for table, order in (("households", "id"), ("member_household_links", "id"),
                             ("visits", "id"), ("meta", "key")):
            rows += con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()



def refused(name, db, args, code, part):
    taptest.refused(name, db, args, code, part, digest)



today = datetime.date.today()
tomorrow = (today + datetime.timedelta(days=1)).isoformat()
today = today.isoformat()

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)

    r = run("--help")
    check("help lists household, rules and card", r.returncode == 0 and "household" in r.stdout
          and "rules" in r.stdout and "card" in r.stdout, r.stdout)
    r = run("--db", db, "household")
    check("household without a subcommand is a usage error", r.returncode == 2, r.stderr)
    r = run("--db", db, "household", "add", "--help")
    check("household add --help exits 0", r.returncode == 0 and "--look-kitchen" in r.stdout,
          r.stdout)

    # Lists.
    r = run("--db", db, "household", "list", "--json")
    households = json_of(r) or []
    check("household list --json lists the demo's 1 505 households", len(households) == 1505,
          r.stderr)
    check("every demo household has one linked member",
          all(h["members"] == 1 for h in households), repr(households[:2]))
    r = run("--db", db, "household", "list", "--village", "青石村", "--json")
    village = json_of(r) or []
    want = query(db, "SELECT count(*) FROM households h JOIN villages v ON v.id = h.village_id"
                     " WHERE v.name = '青石村'")[0][0]
    check("household list --village 青石村 lists its households", want >= 38 * 7
          and len(village) == want, f"{len(village)} != {want}")
    check("household list --village keeps to the village",
          all(h["village"] == "青石村" for h in village))
    refused("list of an unknown village", db, ["household", "list", "--village", "桃花源村"], 65,
            "桃花源村")
    r = run("--db", db, "household", "list")
    check("plain household list", r.returncode == 0 and "青石村" in r.stdout
          and "1 linked member\n" in r.stdout and "1 members" not in r.stdout, r.stdout[:200])

    # Adding.
    r = run("--db", db, "household", "add", "--village", "新站村")
    check("household add without --head is a usage error", r.returncode == 2
          and "--head" in r.stderr, r.stderr)
    r = run("--db", db, "household", "add", "--head", "祝有福", "--size", "0")
    check("household add --size 0 is a usage error", r.returncode == 2, r.stderr)
    refused("add in an unknown village", db,
            ["household", "add", "--head", "祝有福", "--village", "桃花源村"], 65, "桃花源村")
    refused("add with a blank head", db, ["household", "add", "--head", " "], 65, "户主")
    r = run("--db", db, "household", "add", "--head", "祝有福", "--village", "新站村", "--grid",
            "第2网格", "--address", "塘坞5号", "--size", "4", "--look-kitchen", "灶台干净",
            "--ask-needs", "孩子上学")
    check("household add exits 0 and prints the number", r.returncode == 0
          and r.stdout.strip().isdigit(), r.stderr)
    new = r.stdout.strip()
    r = run("--db", db, "household", "show", new, "--json")
    shown = json_of(r) or {}
    check("household show --json has the record", shown.get("head_name") == "祝有福"
          and shown.get("size") == 4 and shown.get("look_kitchen") == "灶台干净"
          and shown.get("ask_needs") == "孩子上学" and shown.get("links") == [], r.stdout)
    r = run("--db", db, "household", "update", new, "--address", "塘坞6号", "--ask-opinions",
            "希望修桥")
    check("household update exits 0", r.returncode == 0, r.stderr)
    shown = json_of(run("--db", db, "household", "show", new, "--json")) or {}
    check("household update changes only what is given", shown.get("address") == "塘坞6号"
          and shown.get("ask_opinions") == "希望修桥" and shown.get("look_kitchen") == "灶台干净")
    refused("update of an unknown household", db, ["household", "update", "999999", "--grid",
                                                   "x"], 65, "household 999999")
    r = run("--db", db, "household", "show", "abc")
    check("a household number that is not a number is a usage error", r.returncode == 2
          and "abc" in r.stderr, r.stderr)

    # Links.
    idnum = query(db, "SELECT id_number FROM members WHERE id = 2")[0][0]
    r = run("--db", db, "household", "link", "1", new, "--type", "kinship", "--post", "B")
    check("household link by member number", r.returncode == 0, r.stderr)
    r = run("--db", db, "household", "link", idnum, new, "--type", "服务")
    check("household link by ID number, Chinese link type", r.returncode == 0, r.stderr)
    links = query(db, "SELECT member_id, link_type, post FROM member_household_links"
                      " WHERE household_id = ? ORDER BY member_id", int(new))
    check("links stored with type and post", links == [(1, "kinship", "B"), (2, "service", "A")],
          repr(links))
    refused("duplicate link", db, ["household", "link", "1", new], 65, "already linked")
    refused("unknown link type", db, ["household", "link", "3", new, "--type", "友情"], 65, "友情")
    refused("unknown post", db, ["household", "link", "3", new, "--post", "C"], 65, "“C”")
    refused("link to an unknown household", db, ["household", "link", "3", "999999"], 65,
            "household 999999")
    refused("link of an unknown member", db, ["household", "link", "999999", new], 65, "999999")
    r = run("--db", db, "household", "link", "3")
    check("household link with one argument is a usage error", r.returncode == 2, r.stderr)
    con = sqlite3.connect(db)
    con.execute("UPDATE members SET status = 'exited' WHERE id = 4")
    con.commit()
    con.close()
    refused("link of a member who left", db, ["household", "link", "4", new], 65,
            "not an active member")

    # Visits.
    refused("visit in the future", db, ["household", "visit", "1", new, "--date", tomorrow], 65,
            "future")
    refused("visit on a date that is not one", db,
            ["household", "visit", "1", new, "--date", "2026-13-01"], 65, "2026-13-01")
    join = query(db, "SELECT join_date FROM members WHERE id = 1")[0][0]
    before_join = f"{int(join[:4]) - 1}{join[4:]}"
    refused("visit before the member joined", db,
            ["household", "visit", "1", new, "--date", before_join], 65, "joined")
    refused("visit of a household not linked", db, ["household", "visit", "3", new], 65,
            "link them first")
    r = run("--db", db, "household", "visit", "1", new, "--note", "看了厨房")
    check("household visit exits 0 and prints the number", r.returncode == 0
          and r.stdout.strip().isdigit(), r.stderr)
    shown = json_of(run("--db", db, "household", "show", new, "--json")) or {}
    check("the visit is in the household's log", len(shown.get("visits", [])) == 1
          and shown["visits"][0]["date"] == today and shown["visits"][0]["notes"] == "看了厨房",
          repr(shown.get("visits")))
    check("show masks the members' phones",
          all("****" in l["phone"] for l in shown.get("links", [])), repr(shown.get("links")))

    # Reports: without the demo's visits (they end in November 2026, so which of them are
    # within the interval depends on today), every link is overdue but the one just visited.
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM visits WHERE NOT (member_id = 1 AND household_id = ?)",
                    (int(new),))
    r = run("--db", db, "household", "report", "--json")
    report = json_of(r) or {}
    n_links = query(db, "SELECT count(*) FROM member_household_links l JOIN members m"
                        " ON m.id = l.member_id WHERE m.status = 'active'")[0][0]
    check("report --json has the rules and the date", report.get("link_minimum") == 7
          and report.get("visit_interval_days") == 7 and report.get("date") == today, r.stdout[:300])
    check("report: no member below the minimum", report.get("below_minimum_count") == 0,
          repr(report.get("below_minimum")))
    check("report: every link overdue but the one visited today",
          report.get("overdue_count") == n_links - 1
          and len(report.get("overdue", [])) == n_links - 1, repr(report.get("overdue_count")))
    check("report: the visited link is not overdue", not any(
        o["member_id"] == 1 and o["household_id"] == int(new) for o in report.get("overdue", [])))
    check("report: never-visited links have no date", all(
        o["last_visit"] is None and o["days"] is None for o in report.get("overdue", [])))
    first = query(db, "SELECT min (household_id) FROM member_household_links"
                      " WHERE member_id = 5")[0][0]
    r = run("--db", db, "household", "unlink", "5", str(first))
    check("household unlink exits 0", r.returncode == 0, r.stderr)
    refused("unlink of a link that does not exist", db, ["household", "unlink", "5", str(first)],
            65, "not linked")
    report = json_of(run("--db", db, "household", "report", "--json")) or {}
    below = report.get("below_minimum", [])
    check("report: after an unlink, one member below seven", report.get("below_minimum_count") == 1
          and below and below[0]["member_id"] == 5 and below[0]["households"] == 6, repr(below))
    report = json_of(run("--db", db, "household", "report", "--json", "--date", "2026-01-01"))
    check("report --date: a visit after the date does not count",
          (report or {}).get("overdue_count") == n_links - 1, repr((report or {}).get("overdue_count")))
    refused("report with a bad date", db, ["household", "report", "--date", "soon"], 65, "soon")
    r = run("--db", db, "household", "report")
    check("plain report", r.returncode == 0 and "1 member below the minimum" in r.stdout
          and "never visited" in r.stdout, r.stdout[:300])

    # Rules.
    r = run("--db", db, "rules", "show", "--json")
    check("rules show --json: the defaults", json_of(r) == {"link_minimum": 7,
                                                             "visit_interval_days": 7}, r.stdout)
    refused("rules set link-minimum 0", db, ["rules", "set", "link-minimum", "0"], 65, "not 0")
    refused("rules set visit-interval 400", db, ["rules", "set", "visit-interval", "400"], 65,
            "not 400")
    for args in (["rules", "set", "link-minimum", "abc"], ["rules", "set", "frequency", "3"],
                 ["rules", "set", "link-minimum"], ["rules"]):
        before = digest(db)
        r = run("--db", db, *args)
        check(f"{' '.join(args)}: usage error", r.returncode == 2 and digest(db) == before,
              r.stderr)
    r = run("--db", db, "rules", "set", "link-minimum", "6")
    check("rules set link-minimum 6", r.returncode == 0, r.stderr)
    r = run("--db", db, "rules", "set", "visit-interval", "14")
    check("rules set visit-interval 14", r.returncode == 0, r.stderr)
    check("rules are stored in meta", query(db, "SELECT key, value FROM meta WHERE key LIKE"
                                                " 'rule.%' ORDER BY key")
          == [("rule.link_minimum", "6"), ("rule.visit_interval_days", "14")])
    r = run("--db", db, "rules", "show")
    check("plain rules show", r.returncode == 0 and "link-minimum 6" in r.stdout
          and "visit-interval 14" in r.stdout, r.stdout)
    report = json_of(run("--db", db, "household", "report", "--json")) or {}
    check("report follows the rules: nobody below six", report.get("link_minimum") == 6
          and report.get("below_minimum_count") == 0, repr(report.get("below_minimum")))

    # The heart-link card.
    pdf = os.path.join(tmp, "card.pdf")
    r = run("--db", db, "card", "1")
    check("card without --out is a usage error", r.returncode == 2 and "--out" in r.stderr,
          r.stderr)
    r = run("--db", db, "card", "1", "--out", pdf, "--commitment", "有事您找我")
    check("card exits 0", r.returncode == 0 and os.path.exists(pdf), r.stderr)
    check("card says how many households", "8 households" in r.stdout, r.stdout)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        check("card is one A4 page", "Pages:           1" in info
              and "595.276 x 841.89 pts" in info, info)
    missing = os.path.join(tmp, "no-such-folder", "card.pdf")
    r = run("--db", db, "card", "1", "--out", missing)
    check("card into a missing folder cannot create (73)", r.returncode == 73
          and "card.pdf" in r.stderr, r.stderr)
    check("nothing left behind", sorted(f for f in os.listdir(tmp) if f.startswith(".")) == [],
          repr(os.listdir(tmp)))
    refused("card of a member who left", db, ["card", "4", "--out", pdf], 65,
            "not an active member")
    refused("card of an unknown member", db, ["card", "999999", "--out", pdf], 65, "999999")

    # Translated messages under zh_CN.
    if os.environ.get("GUATU_LOCALEDIR"):
        zh = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
        r = run("--db", db, "household", "link", "1", new, env=zh)
        check("errors are Chinese under zh_CN", r.returncode == 65 and "已经联系" in r.stderr,
              r.stderr)
        r = run("--db", db, "card", "1", "--out", pdf, env=zh)
        check("card message in Chinese", r.returncode == 0 and "党员连心卡" in r.stdout, r.stdout)

finish()
