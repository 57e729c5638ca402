#!/usr/bin/env python3
"""guatu-cli org types, type-add, type-remove, set-type, checklist, tick, untick and
checklist-items end to end: the office's own organisation types next to the built-in ones,
type changes kept in the history, and the site-standard checklist (五有) with its dates and
the count of branches meeting every item; every refusal exits with the right code, says why
in one line and leaves the database unchanged.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import datetime
import hashlib
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import CLI, check, finish, json_of, query, run  # noqa: E402

BUILTIN = ["organ", "rural", "community", "two_new", "school", "associated", "extended",
           "joint", "retired", "grid", "special_town"]
FIVE = ["有组织", "有场所", "有制度", "有活动", "有成效"]


def digest(db):
    """A digest of the organisations, their history, the checklist and the settings."""
    rows = [query(db, f"SELECT * FROM {table} ORDER BY 1, 2")
            for table in ("organizations", "org_events", "org_checklist", "meta")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def refused(name, db, args, code, part):
    taptest.refused(name, db, args, code, part, digest)


def quiet(name, db, *args):
    """The command succeeds and prints nothing."""
    r = run("--db", db, *args)
    check(f"{name}: exit 0, nothing printed", r.returncode == 0 and r.stdout == ""
          and r.stderr == "", f"{r.returncode}: {r.stdout} {r.stderr}")


def org_type(db, name):
    return query(db, "SELECT org_type FROM organizations WHERE name = ?", name)[0][0]


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)
    today = datetime.date.today().isoformat()

    r = run("--db", db, "org")
    check("org without a subcommand names the new ones", r.returncode == 2
          and "set-type" in r.stderr and "checklist-items" in r.stderr, r.stderr)
    r = run("--db", db, "org", "checklist-items", "--help")
    check("checklist-items --help shows --set", r.returncode == 0 and "--set" in r.stdout,
          r.stdout + r.stderr)

    # Types: the eleven built-in ones, then the office's own.
    r = run("--db", db, "org", "types", "--json")
    got = json_of(r) or []
    check("types --json: the built-in types in order",
          [t.get("code") for t in got] == BUILTIN and not any(t.get("added") for t in got)
          and got[0].get("label") == "Government office", r.stdout + r.stderr)
    r = run("--db", db, "org", "types", env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
    check("types in Chinese: 机关 first, 特色小镇 last",
          r.returncode == 0 and r.stdout.splitlines()[0].startswith("机关")
          and r.stdout.splitlines()[-1].startswith("特色小镇"), r.stdout + r.stderr)

    quiet("type-add 行业协会", db, "org", "type-add", "行业协会")
    check("type-add: stored in meta org.types",
          query(db, "SELECT value FROM meta WHERE key = 'org.types'") == [("行业协会",)])
    r = run("--db", db, "org", "types")
    check("types: the added type last, marked as added",
          r.stdout.splitlines()[-1] == "行业协会  (added)", r.stdout)
    refused("type-add twice", db, ["org", "type-add", "行业协会"], 65, "行业协会")
    refused("type-add a built-in name", db, ["org", "type-add", "两新组织"], 65, "两新组织")
    refused("type-add a kind", db, ["org", "type-add", "党支部"], 65, "党支部")
    refused("type-add blank", db, ["org", "type-add", " "], 65, "type needs a name")
    r = run("--db", db, "org", "type-add")
    check("type-add without a name: usage", r.returncode == 2, r.stderr)

    # An organisation of the added type, then type changes with their history.
    r = run("--db", db, "org", "add", "石雕协会党支部", "--parent", "330822105000",
            "--type", "行业协会")
    check("org add --type 行业协会: exit 0", r.returncode == 0, r.stderr)
    check("org add: stored code is the name", org_type(db, "石雕协会党支部") == "行业协会")
    refused("org add with an unknown type", db,
            ["org", "add", "宗教党支部", "--parent", "330822105000", "--type", "宗教"], 65,
            "the known types are 机关, 农村")
    refused("type-remove while in use", db, ["org", "type-remove", "行业协会"], 65,
            "1 organisation still has the type 行业协会")
    refused("type-remove a built-in type", db, ["org", "type-remove", "农村"], 65, "built-in")
    refused("type-remove an unknown type", db, ["org", "type-remove", "宗教"], 65, "宗教")

    quiet("set-type 青石村党支部 社区", db, "org", "set-type", "青石村党支部", "社区",
          "--date", "2026-03-01")
    check("set-type: stored", org_type(db, "青石村党支部") == "community")
    check("set-type: a changed event old → new", query(
        db, "SELECT kind, date, old_value, new_value FROM org_events WHERE org_id ="
        " (SELECT id FROM organizations WHERE name = '青石村党支部') ORDER BY id DESC LIMIT 1")
        == [("changed", "2026-03-01", "rural", "community")])
    r = run("--db", db, "org", "history", "青石村党支部")
    check("history: Type changed Rural → Community",
          "2026-03-01  Type changed  Rural →  Community" in r.stdout, r.stdout)
    refused("set-type to the same type", db, ["org", "set-type", "青石村党支部", "community"],
            65, "already has the type")
    refused("set-type to an unknown type", db, ["org", "set-type", "青石村党支部", "宗教"], 65,
            "行业协会")
    refused("set-type with a bad date", db,
            ["org", "set-type", "青石村党支部", "农村", "--date", "2026-02-30"], 65, "2026-02-30")
    refused("set-type of an unknown organisation", db, ["org", "set-type", "无名党支部", "农村"],
            65, "无名党支部")
    quiet("set-type 石雕协会党支部 两新", db, "org", "set-type", "石雕协会党支部", "两新")
    quiet("type-remove once unused", db, "org", "type-remove", "行业协会")
    r = run("--db", db, "org", "types", "--json")
    check("types: back to the built-in ones", [t["code"] for t in json_of(r) or []] == BUILTIN,
          r.stdout)

    # The checklist: default items, ticks with dates, the count.
    r = run("--db", db, "org", "checklist-items", "--json")
    got = json_of(r) or {}
    check("checklist-items --json: the five defaults, 0 of 13 branches (one added above)",
          got.get("items") == FIVE and got.get("branches") == 13
          and got.get("branches_met") == 0, r.stdout + r.stderr)
    quiet("tick 有组织 with a date", db, "org", "tick", "青石村党支部", "有组织",
          "--date", "2026-01-05")
    quiet("tick 有场所 today", db, "org", "tick", "青石村党支部", "有场所")
    r = run("--db", db, "org", "checklist", "青石村党支部")
    check("checklist: ticked items with dates",
          r.stdout.splitlines()[:3] == ["[x] 有组织  2026-01-05", f"[x] 有场所  {today}",
                                        "[ ] 有制度"], r.stdout + r.stderr)
    r = run("--db", db, "org", "checklist", "青石村党支部", "--json")
    got = json_of(r) or {}
    check("checklist --json: items, dates, null, not complete",
          [i.get("item") for i in got.get("items", [])] == FIVE
          and got["items"][0].get("done_date") == "2026-01-05"
          and got["items"][2].get("done_date") is None and got.get("complete") is False,
          r.stdout)
    refused("tick an unknown item", db, ["org", "tick", "青石村党支部", "有钱"], 65, "有成效")
    refused("tick in the future", db,
            ["org", "tick", "青石村党支部", "有制度", "--date", "2999-01-01"], 65, "2999-01-01")
    refused("tick with a bad date", db,
            ["org", "tick", "青石村党支部", "有制度", "--date", "昨天"], 65, "昨天")
    refused("untick an item not ticked", db, ["org", "untick", "青石村党支部", "有制度"], 65,
            "有制度")
    r = run("--db", db, "org", "tick", "青石村党支部")
    check("tick without an item: usage", r.returncode == 2, r.stderr)
    quiet("untick 有场所", db, "org", "untick", "青石村党支部", "有场所")
    check("untick: the row is gone", query(
        db, "SELECT item, done_date FROM org_checklist") == [("有组织", "2026-01-05")])

    for item in FIVE[1:]:
        run("--db", db, "org", "tick", "青石村党支部", item)
    r = run("--db", db, "org", "checklist-items")
    check("checklist-items: 1 of 13 branches meets every item",
          "Branches that meet every item: 1 of 13" in r.stdout, r.stdout + r.stderr)
    r = run("--db", db, "org", "checklist", "青石村党支部", "--json")
    check("checklist --json: complete", (json_of(r) or {}).get("complete") is True, r.stdout)

    # Setting the items.
    quiet("checklist-items --set", db, "org", "checklist-items", "--set", "有阵地", "有队伍")
    check("checklist-items --set: stored one per line", query(
        db, "SELECT value FROM meta WHERE key = 'org.checklist'") == [("有阵地\n有队伍",)])
    r = run("--db", db, "org", "checklist-items", "--json")
    got = json_of(r) or {}
    check("checklist-items: the new items, nobody meets them",
          got.get("items") == ["有阵地", "有队伍"] and got.get("branches_met") == 0, r.stdout)
    refused("checklist-items --set a duplicate", db,
            ["org", "checklist-items", "--set", "有阵地", "有阵地"], 65, "twice")
    refused("checklist-items --set an empty item", db,
            ["org", "checklist-items", "--set", "有阵地", ""], 65, "needs a name")
    refused("checklist-items --set without items", db, ["org", "checklist-items", "--set"], 2,
            "--set needs the items")
    refused("checklist-items with items but no --set", db, ["org", "checklist-items", "有阵地"],
            2, "--set")
    quiet("checklist-items --set the five again", db, "org", "checklist-items", "--set", *FIVE)
    r = run("--db", db, "org", "checklist-items", "--json")
    check("the earlier ticks count again", (json_of(r) or {}).get("branches_met") == 1, r.stdout)

    # In Chinese.
    r = run("--db", db, "org", "checklist-items",
            env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
    check("checklist-items in Chinese", r.returncode == 0 and "13" in r.stdout
          and "Branches" not in r.stdout, r.stdout + r.stderr)

    r = run("--db", db, "check")
    check("check: no problems after all this", r.returncode == 0, r.stdout + r.stderr)

finish()
