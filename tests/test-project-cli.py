#!/usr/bin/env python3
"""guatu-cli project end to end: add with milestones and the number it is given, edit, list
with filters, show, tick-off closing the project, untick with a reason, supervision and the
accountability rule, snapshot and diff, settings; every refusal exits 65 naming the field and
leaves the database unchanged.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402
from taptest import check, finish, json_of, query, run  # noqa: E402

TABLES = (("projects", "id"), ("milestones", "id"), ("supervisions", "id"),
          ("milestone_reopenings", "id"), ("project_snapshots", "id"),
          ("snapshot_projects", "snapshot_id, project_uuid"), ("project_kinds", "code"),
          ("meta", "key"))


def digest(db):
    con = sqlite3.connect(db)
    try:
        rows = []
        for table, order in TABLES:
            rows += con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def refused(name, db, args, part, code=65):
    taptest.refused(name, db, args, code, part, digest)


def main():
    tmp = tempfile.mkdtemp(prefix="guatu-project-cli-")
    try:
        db = os.path.join(tmp, "p.db")
        r = run("--db", db, "demo")
        check("demo exits 0", r.returncode == 0, r.stderr)

        r = run("--db", db, "project", "list", "--json")
        projects = json_of(r) or []
        check("list --json: 48 demo projects", len(projects) == 48, r.stdout[:200])
        statuses = {p["status"] for p in projects}
        check("demo: every status", statuses == {"done", "on_track", "at_risk", "overdue"},
              statuses)
        check("demo: accountability on two", sum(p["accountable"] for p in projects) == 2)
        r = run("--db", db, "project", "list", "--status", "overdue", "--json")
        check("list --status overdue", r.returncode == 0 and all(
            p["status"] == "overdue" for p in json_of(r)) and len(json_of(r)) ==
            sum(p["status"] == "overdue" for p in projects), r.stderr)
        r = run("--db", db, "project", "list", "--kind", "belt", "--json")
        check("list --kind belt", r.returncode == 0 and json_of(r) and all(
            p["kind"] == "belt" for p in json_of(r)), r.stderr)
        r = run("--db", db, "project", "list", "--org", "青石村党支部", "--json")
        check("list --org", r.returncode == 0 and json_of(r) and all(
            p["org"] == "青石村党支部" for p in json_of(r)), r.stdout[:300] + r.stderr)

        # add, with milestones; the number follows the scheme and the start date
        r = run("--db", db, "project", "add", "--name", "赏石长廊二期", "--kind", "point",
                "--org", "中共常山县青石镇赏石小镇委员会", "--leader", "杨双", "--cadre", "程志刚",
                "--start", "2025-07-01", "--due", "2025-12-31", "--budget", "12000.5",
                "--village", "青石村", "--milestone", "方案制定@2025-08-01",
                "--milestone", "建设施工@2025-10-01", "--milestone", "验收销号@2025-12-20")
        number = r.stdout.strip()
        check("add exits 0 and prints the number", r.returncode == 0 and number == "2025-07-001",
              r.stdout + r.stderr)
        rows = query(db, "SELECT budget_fen, leader, cadre FROM projects WHERE number = ?", number)
        check("add: budget in fen", rows == [(1200050, "杨双", "程志刚")], rows)
        check("add: three milestones", query(
            db, "SELECT count(*) FROM milestones m JOIN projects p ON p.id = m.project_id"
            " WHERE p.number = ?", number) == [(3,)])

        # refusals: exit 65 naming the field, nothing changed
        base = ["project", "add", "--name", "X", "--kind", "point", "--org",
                "中共常山县青石镇赏石小镇委员会", "--leader", "杨双", "--cadre", "程志刚"]
        refused("add without a leader", db, ["project", "add", "--name", "X", "--kind", "point",
                "--org", "中共常山县青石镇赏石小镇委员会", "--cadre", "程志刚"], "“leader”")
        refused("add without a cadre", db, base[:-2], "“cadre”")
        refused("add with an unknown kind", db, base[:5] + ["garden"] + base[6:], "“kind”")
        refused("add with a bad budget", db, base + ["--budget", "12,5"], "“budget”")
        refused("add with a negative budget", db, base + ["--budget", "-3"], "“budget”")
        refused("add with a bad date", db, base + ["--start", "2025-02-30"], "“start”")
        refused("add with due before start", db,
                base + ["--start", "2025-05-01", "--due", "2025-04-01"], "“due”")
        refused("add with a bad milestone", db, base + ["--milestone", "方案"], "“milestone”")
        # a milestone outside the project's time: refused, and no project is left behind
        refused("add with a milestone before the start", db,
                base + ["--start", "2025-05-01", "--due", "2025-10-01",
                        "--milestone", "验收@2025-06-01", "--milestone", "方案@2025-04-01"],
                "2025-04-01")
        refused("add with a milestone after the due date", db,
                base + ["--start", "2025-05-01", "--due", "2025-10-01",
                        "--milestone", "验收@2025-11-01"], "“planned”")
        refused("add with an unknown village", db, base + ["--village", "无名村"], "“village”")
        refused("edit an unknown project", db, ["project", "edit", "2099-01-001", "--name", "Y"],
                "“project”")
        refused("list with a bad status", db, ["project", "list", "--status", "late"],
                "“status”")

        r = run("--db", db, "project", "edit", number, "--cadre", "方海涛", "--budget", "100")
        check("edit exits 0", r.returncode == 0, r.stderr)
        r = run("--db", db, "project", "show", number, "--json", "--today", "2025-09-01")
        shown = json_of(r) or {}
        check("show --json: edited fields", shown.get("cadre") == "方海涛" and
              shown.get("leader") == "杨双" and shown.get("budget_fen") == 10000, shown)
        check("show --json: status on the date", shown.get("status") == "overdue", shown)
        check("show --json: milestones", [m["name"] for m in shown.get("milestone_list", [])] ==
              ["方案制定", "建设施工", "验收销号"], shown)

        # tick-off: the last one closes the project
        for seq, date in (("1", "2025-07-30"), ("2", "2025-09-28")):
            r = run("--db", db, "--operator", "汪丽萍", "project", "tick", number, seq,
                    "--date", date)
            check(f"tick {seq} exits 0, project open", r.returncode == 0 and
                  "closed" not in r.stdout, r.stdout + r.stderr)
        refused("tick twice", db, ["project", "tick", number, "1"], "“milestone”")
        refused("tick before the project started", db, ["project", "tick", number, "3", "--date",
                                                        "2025-06-30"], "2025-07-01")
        refused("tick in the future", db, ["project", "tick", number, "3", "--date",
                                           "2999-01-01"], "“date”")
        refused("tick a missing milestone", db, ["project", "tick", number, "9"], "“milestone”")
        refused("tick with a bad number", db, ["project", "tick", number, "x"], "“milestone”")
        r = run("--db", db, "project", "tick", number, "3", "--date", "2025-12-18", "--by",
                "程志刚")
        check("tick the last: closed", r.returncode == 0 and "closed on 2025-12-18" in r.stdout,
              r.stdout + r.stderr)
        rows = query(db, "SELECT closed_date FROM projects WHERE number = ?", number)
        check("closed_date is the latest tick-off", rows == [("2025-12-18",)], rows)
        rows = query(db, "SELECT done_by FROM milestones m JOIN projects p ON p.id = m.project_id"
                     " WHERE p.number = ? ORDER BY seq", number)
        check("tick-off records who", rows == [("汪丽萍",), ("汪丽萍",), ("程志刚",)], rows)

        refused("untick without a reason", db, ["project", "untick", number, "3"], "“reason”")
        r = run("--db", db, "--operator", "杨双", "project", "untick", number, "3", "--reason",
                "验收资料不全")
        check("untick exits 0", r.returncode == 0, r.stderr)
        rows = query(db, "SELECT closed_date FROM projects WHERE number = ?", number)
        check("untick reopens", rows == [(None,)], rows)
        rows = query(db, "SELECT reason, reopened_by, done_date FROM milestone_reopenings")
        check("untick keeps the reason", rows == [("验收资料不全", "杨双", "2025-12-18")], rows)

        # supervision: three consecutive lagging checks raise accountability
        for i, date in enumerate(("2025-08-15", "2025-09-15", "2025-10-15")):
            r = run("--db", db, "project", "supervise", number, "--date", date, "--finding",
                    "进度滞后", "--deadline", "2025-11-30", "--circular", "通报", "--lagging")
            check(f"supervise {i + 1} exits 0", r.returncode == 0, r.stderr)
        check("third lagging check announces accountability", "accountability" in r.stdout,
              r.stdout)
        r = run("--db", db, "project", "show", number, "--json")
        shown = json_of(r) or {}
        check("show: accountable after three", shown.get("accountable") is True and
              shown.get("lagging") == 3 and len(shown.get("supervisions", [])) == 3, shown)
        refused("supervise without a finding", db, ["project", "supervise", number], "“finding”")
        refused("supervise with the deadline before", db,
                ["project", "supervise", number, "--finding", "x", "--date", "2025-10-01",
                 "--deadline", "2025-09-01"], "“deadline”")
        r = run("--db", db, "project", "supervise", number, "--date", "2025-11-01", "--finding",
                "已整改")
        r = run("--db", db, "project", "show", number, "--json")
        check("a good check clears accountability", (json_of(r) or {}).get("accountable") is
              False, r.stdout)

        # snapshot and diff
        r = run("--db", db, "project", "diff", "--json")
        diff = json_of(r) or {}
        check("diff --json against the demo's snapshot", r.returncode == 0 and all(
            len(diff.get(k, [])) > 0 for k in ("ticked", "newly_overdue", "new_projects",
                                               "closed")), r.stdout[:300] + r.stderr)
        check("diff: the project added is new", number in [p["number"] for p in
                                                           diff.get("new_projects", [])])
        r = run("--db", db, "project", "snapshot", "--note", "本月")
        check("snapshot exits 0", r.returncode == 0 and r.stdout.strip().isdigit(), r.stderr)
        r = run("--db", db, "project", "diff", "--json")
        diff = json_of(r) or {}
        check("diff right after a snapshot is empty", r.returncode == 0 and not any(
            diff.get(k) for k in ("ticked", "newly_overdue", "new_projects", "closed")), diff)
        r = run("--db", db, "project", "snapshot", "list", "--json")
        snaps = json_of(r) or []
        check("snapshot list: two, newest first", len(snaps) == 2 and snaps[0]["note"] == "本月"
              and snaps[0]["projects"] == 49, r.stdout)
        refused("snapshot in the future", db, ["project", "snapshot", "--date", "2999-01-01"],
                "“date”")

        # settings
        r = run("--db", db, "project", "settings", "--number-scheme", "QS-YYYY-NNNN", "--json")
        settings = json_of(r) or {}
        check("settings: scheme stored", settings.get("number_scheme") == "QS-YYYY-NNNN" and
              len(settings.get("kinds", [])) == 5, r.stdout + r.stderr)
        refused("settings: a scheme without N", db,
                ["project", "settings", "--number-scheme", "YYYY"], "“number scheme”")
        r = run("--db", db, "project", "add", "--name", "新编号", "--kind", "post", "--org",
                "中共常山县青石镇赏石小镇委员会", "--leader", "杨双", "--cadre", "程志刚",
                "--start", "2026-03-03")
        check("the new scheme numbers", r.stdout.strip() == "QS-2026-0001", r.stdout + r.stderr)
        r = run("--db", db, "project", "settings", "--add-kind", "park=党建公园")
        check("settings: add a kind", r.returncode == 0 and "park" in r.stdout, r.stderr)
        refused("settings: remove a kind in use", db,
                ["project", "settings", "--remove-kind", "post"], "“kind”")
        r = run("--db", db, "project", "remove", "QS-2026-0001")
        check("remove exits 0", r.returncode == 0 and query(
            db, "SELECT count(*) FROM projects WHERE number = 'QS-2026-0001'") == [(0,)], r.stderr)

        # Chinese messages
        r = run("--db", db, "project", "add", "--name", "X", "--kind", "point", "--org",
                "中共常山县青石镇赏石小镇委员会", "--leader", "杨双",
                env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
        check("refusal in Chinese", r.returncode == 65 and "责任人" in r.stderr and
              "字段" in r.stderr, r.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


main()
