#!/usr/bin/env python3
"""guatu-cli member flags end to end: showing and changing a member's mobility, lost contact,
frailty, employment, posts (一员七职) and A/B linking post; only the options given change;
every refusal exits with the right code, says why in one line and leaves the database
unchanged; member show --json carries the flags.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import CLI, check, finish, json_of, query, run  # noqa: E402

ALL_POSTS = ["opinion_surveyor", "policy_publicist", "dispute_mediator", "order_keeper",
             "hygiene_inspector", "safety_assistant", "democratic_supervisor"]
FLAG_COLUMNS = ("mobility, mobility_place, mobility_contact, lost_contact, frail, employment,"
                " posts, link_post")





def digest(db):
    """A digest of every column of every member."""
    rows = query(db, "SELECT * FROM members ORDER BY id")
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def flags_of(db, member):
    return query(db, f"SELECT {FLAG_COLUMNS} FROM members WHERE id = ?", member)[0]


def rev_of(db, member):
    return query(db, "SELECT rev, mtime FROM members WHERE id = ?", member)[0]



def changed(name, db, member, args, want):
    """The command succeeds silently and the member's flags become @want."""
    r = run("--db", db, "member", "flags", str(member), *args)
    check(f"{name}: exit 0, nothing printed", r.returncode == 0 and r.stdout == ""
          and r.stderr == "", f"{r.returncode}: {r.stdout} {r.stderr}")
    got = flags_of(db, member)
    check(f"{name}: stored {want}", got == want, repr(got))


def refused(name, db, args, code, part):
    taptest.refused(name, db, args, code, part, digest)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)

    r = run("--db", db, "member", "flags", "--help")
    check("member flags --help lists the options", r.returncode == 0 and "--mobility" in r.stdout
          and "--link-post" in r.stdout and "democratic_supervisor" in r.stdout,
          r.stdout + r.stderr)

    # No option: the flags are printed, as text and as JSON.
    r = run("--db", db, "member", "flags", "7")
    check("show: exit 0", r.returncode == 0, r.stderr)
    check("show: a new member is not mobile, has no posts, is on an A post",
          "Mobility: Not mobile" in r.stdout and "Posts: none" in r.stdout
          and "Linking post: A post" in r.stdout and "Lost contact: no" in r.stdout,
          r.stdout)
    r = run("--db", db, "member", "flags", "7", "--json")
    got = json_of(r) or {}
    check("show --json: the defaults",
          got.get("id") == 7 and got.get("mobility") == "none" and got.get("posts") == []
          and got.get("lost_contact") is False and got.get("frail") is False
          and got.get("employment") == "" and got.get("link_post") == "A"
          and got.get("mobility_place") == "" and isinstance(got.get("name"), str),
          r.stdout + r.stderr)

    # Changes: only the options given change; each change is a new revision.
    rev0 = rev_of(db, 7)
    changed("out with place and contact", db, 7,
            ["--mobility", "out", "--place", "浙江省杭州市余杭区", "--contact", "微信 qs7"],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 0, 0, "", "", "A"))
    rev1 = rev_of(db, 7)
    check("a change bumps rev by one and sets mtime", rev1[0] == rev0[0] + 1
          and rev1[1] >= rev0[1], f"{rev0} → {rev1}")
    changed("frail and lost contact keep the rest", db, 7,
            ["--frail", "yes", "--lost-contact", "yes"],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 1, 1, "", "", "A"))
    changed("posts in any order, with Chinese commas and twice, stored once in order", db, 7,
            ["--posts", "safety_assistant，opinion_surveyor、safety_assistant"],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 1, 1, "", "opinion_surveyor,safety_assistant",
             "A"))
    changed("employment and a lower-case B post", db, 7,
            ["--employment", "retired", "--link-post", "b"],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 1, 1, "retired",
             "opinion_surveyor,safety_assistant", "B"))
    rev2 = rev_of(db, 7)
    r = run("--db", db, "member", "flags", "7", "--employment", "retired")
    check("the same value again: exit 0, no new revision",
          r.returncode == 0 and rev_of(db, 7)[0] == rev2[0], f"{rev2} {rev_of(db, 7)}")
    changed("all seven posts", db, 7, ["--posts", ",".join(reversed(ALL_POSTS))],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 1, 1, "retired", ",".join(ALL_POSTS), "B"))
    changed("an empty --posts clears them", db, 7, ["--posts", ""],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 1, 1, "retired", "", "B"))
    changed("flags back to no", db, 7, ["--frail", "no", "--lost-contact", "no"],
            ("out", "浙江省杭州市余杭区", "微信 qs7", 0, 0, "retired", "", "B"))
    changed("in from elsewhere, no contact", db, 7,
            ["--mobility", "in", "--place", "江西省上饶市", "--contact", ""],
            ("in", "江西省上饶市", "", 0, 0, "retired", "", "B"))
    changed("back home: place and contact go with it", db, 7, ["--mobility", "none"],
            ("none", "", "", 0, 0, "retired", "", "B"))

    # --json with a change prints what was stored; the member by ID number.
    id_number = query(db, "SELECT id_number FROM members WHERE id = 8")[0][0]
    r = run("--db", db, "member", "flags", id_number, "--mobility", "out", "--place", "上海",
            "--posts", "policy_publicist", "--json")
    got = json_of(r) or {}
    check("by ID number with --json: the stored flags", r.returncode == 0 and got.get("id") == 8
          and got.get("mobility") == "out" and got.get("mobility_place") == "上海"
          and got.get("posts") == ["policy_publicist"], r.stdout + r.stderr)
    r = run("--db", db, "member", "flags", "8")
    check("show: the mobile member in words", r.returncode == 0
          and "Mobility: Mobile, gone out, 上海, contact: —" in r.stdout
          and "Posts: Policy publicist" in r.stdout, r.stdout)

    # member show carries the flags.
    r = run("--db", db, "member", "show", "8", "--json")
    got = json_of(r) or {}
    check("member show --json has the flags", got.get("mobility") == "out"
          and got.get("mobility_place") == "上海" and got.get("posts") == ["policy_publicist"]
          and got.get("link_post") == "A" and got.get("frail") is False
          and got.get("events"), r.stdout + r.stderr)
    r = run("--db", db, "member", "show", "8")
    check("member show prints the flags", r.returncode == 0 and "Mobility: Mobile, gone out"
          in r.stdout and "Linking post: A post" in r.stdout, r.stdout)

    # What the member list's filters count.
    run("--db", db, "member", "flags", "9", "--frail", "yes")
    run("--db", db, "member", "flags", "10", "--lost-contact", "yes")
    counts = query(db, "SELECT sum (mobility <> 'none'), sum (frail), sum (lost_contact)"
                       " FROM members WHERE status = 'active'")[0]
    check("mobile 1, frail 1, lost contact 1", counts == (1, 1, 1), repr(counts))
    check("no other member changed",
          query(db, "SELECT count(*) FROM members WHERE rev > 1 AND id NOT IN (7, 8, 9, 10)")
          == [(0,)])

    # Refusals: bad data is 65, bad calls are 2; nothing is written.
    refused("unknown mobility", db, ["member", "flags", "7", "--mobility", "away"], 65,
            "unknown mobility “away”")
    refused("out without a place", db, ["member", "flags", "7", "--mobility", "out"], 65,
            "needs the place")
    refused("out with a blank place", db,
            ["member", "flags", "7", "--mobility", "out", "--place", "  "], 65, "needs the place")
    refused("a place for a member at home", db, ["member", "flags", "7", "--place", "上海"],
            65, "only a mobile member")
    refused("a contact for a member at home", db,
            ["member", "flags", "7", "--contact", "13800001234"], 65, "only a mobile member")
    refused("clearing the place of a mobile member", db,
            ["member", "flags", "8", "--place", ""], 65, "needs the place")
    refused("unknown employment", db, ["member", "flags", "7", "--employment", "student"], 65,
            "unknown employment “student”")
    refused("an unknown post among known ones", db,
            ["member", "flags", "7", "--posts", "opinion_surveyor,tea_taster"], 65,
            "unknown post “tea_taster”")
    refused("unknown linking post", db, ["member", "flags", "7", "--link-post", "C"], 65,
            "unknown linking post “C”")
    refused("a flag that is not yes or no", db, ["member", "flags", "7", "--frail", "maybe"], 2,
            "--frail takes yes or no")
    refused("a flag without its value", db, ["member", "flags", "7", "--lost-contact"], 2,
            "lost-contact")
    refused("an unknown option", db, ["member", "flags", "7", "--colour", "red"], 2, "colour")
    refused("no member given", db, ["member", "flags"], 2, "expected ID")
    refused("an extra argument", db, ["member", "flags", "7", "8"], 2, "unexpected argument")
    refused("an unknown member", db, ["member", "flags", "999999", "--frail", "yes"], 65,
            "999999")
    r = run("--db", db, "member", "flags", "7", "--mobility", "out")
    check("the error names the database", db in r.stderr, r.stderr)

    missing = os.path.join(tmp, "missing.db")
    r = run("--db", missing, "member", "flags", "1")
    check("a missing database: cannot open input (66), not created",
          r.returncode == 66 and not os.path.exists(missing), r.stderr)

    r = run("--db", db, "check")
    check("check passes after all the changes", r.returncode == 0, r.stderr)

    # Chinese labels and messages under zh_CN.
    if os.environ.get("GUATU_LOCALEDIR"):
        zh = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
        r = run("--db", db, "member", "flags", "8", env=zh)
        check("zh_CN: labels in Chinese", r.returncode == 0 and "流出" in r.stdout
              and "政策宣传员" in r.stdout and "A岗" in r.stdout, r.stdout + r.stderr)
        r = run("--db", db, "member", "flags", "7", "--mobility", "out", env=zh)
        check("zh_CN: the refusal in Chinese", r.returncode == 65 and "流动党员" in r.stderr,
              r.stderr)

finish()
