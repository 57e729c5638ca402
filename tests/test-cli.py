#!/usr/bin/env python3
"""guatu-cli end to end: exit codes, stats JSON, refusal of foreign files.

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
from taptest import CLI, check, finish, query, run  # noqa: E402





def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")

    r = run("--help")
    check("help exits 0 and lists commands", r.returncode == 0 and "stats" in r.stdout
          and "demo" in r.stdout and "check" in r.stdout, r.stdout + r.stderr)
    # every command's usage names the command right after the options, without an
    # argument placeholder in front of it ("[OPTION…] FILE import-roster FILE" was one)
    commands = [line.split()[0] for line in r.stdout.split("Commands:")[1].splitlines()
                if line.startswith("  ") and line.split()]
    bad, seen = [], 0
    for name in commands:
        u = run(name, "--help")
        if u.returncode == 2 and "expected a subcommand:" in u.stderr:
            words = [[name, sub.strip()] for sub in
                     u.stderr.split("expected a subcommand:")[1].strip().split(",")]
        else:
            words = [[name]]
        for w in words:
            u = run(*w, "--help")
            lines = u.stdout.splitlines()
            usage = lines[1].strip() if len(lines) > 1 else u.stderr
            seen += 1
            if not usage.startswith("guatu-cli [OPTION…] " + " ".join(w)):
                bad.append(usage)
    check("every command's usage line starts with its name", seen > 60 and not bad, bad)
    r = run("--version")
    check("version", r.returncode == 0 and r.stdout.startswith("guatu-cli "), r.stdout)
    r = run()
    check("no command is a usage error (2)", r.returncode == 2, r.stderr)
    r = run("frobnicate")
    check("unknown command is a usage error (2)", r.returncode == 2 and "frobnicate" in r.stderr,
          r.stderr)
    r = run("--db", db, "stats", "--no-such-option")
    check("unknown option is a usage error (2)", r.returncode == 2, r.stderr)
    r = run("--db", db, "stats")
    check("missing database: cannot open input (66)", r.returncode == 66 and db in r.stderr,
          r.stderr)
    check("missing database was not created by stats", not os.path.exists(db))

    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)
    check("database file is private (0600)", (os.stat(db).st_mode & 0o777) == 0o600,
          oct(os.stat(db).st_mode))
    r = run("--db", db, "stats", "--json")
    check("stats --json exits 0", r.returncode == 0, r.stderr)
    try:
        stats = json.loads(r.stdout)
    except ValueError as e:
        stats = {}
        check("stats --json prints one JSON object", False, f"{e}: {r.stdout!r}")
    for key, want in [("branches", 12), ("members", 215), ("type_organ", 5), ("type_rural", 4),
                      ("type_associated", 1), ("type_extended", 2)]:
        check(f"stats {key} = {want}", stats.get(key) == want, repr(stats.get(key)))
    for key in ["organizations", "households", "projects"]:
        check(f"stats {key} is a positive integer",
              isinstance(stats.get(key), int) and stats[key] > 0, repr(stats.get(key)))
    check("households about seven per member", stats.get("households", 0) >= 7 * 215)

    r = run("stats", "--json", env={"GUATU_DB": db})
    check("GUATU_DB names the database", r.returncode == 0 and json.loads(r.stdout) == stats,
          r.stderr)
    r = run("--db", db, "stats")
    check("plain stats lists members", r.returncode == 0 and "215" in r.stdout, r.stdout)

    r = run("--db", db, "check")
    check("check on the demo exits 0", r.returncode == 0, r.stderr)

    # "guatu-cli … | head -1": the reader goes away after the first line of a long list; the
    # command still closes the database and removes its holder file (DB.holder-PID).
    e = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
    with subprocess.Popen([CLI, "--db", db, "household", "list"], env=e,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        proc.stdout.readline()
        proc.stdout.close()
        code = proc.wait()
    left = [f for f in os.listdir(tmp) if ".holder-" in f]
    check("a list cut short by its reader leaves no holder file", not left and code >= 0,
          f"{left}, exit {code}")

    # Registers: the organisation tree with counts rolled up, search, one member's record.
    r = run("--db", db, "org", "list", "--json")
    orgs = json.loads(r.stdout) if r.returncode == 0 else []
    check("org list --json lists 23 organisations", len(orgs) == 23, r.stderr)
    root = [o for o in orgs if o["parent_id"] is None]
    check("the committee's subtree holds all 215 members",
          len(root) == 1 and root[0]["members_total"] == 215, repr(root))
    by_type = {}
    for o in orgs:
        if o["kind"] == "branch":
            by_type[o["org_type"]] = by_type.get(o["org_type"], 0) + 1
    check("branches by type 5/4/1/2", by_type == {"organ": 5, "rural": 4, "associated": 1,
                                                   "extended": 2}, repr(by_type))
    r = run("--db", db, "org", "list")
    check("org list prints an indented tree", r.returncode == 0 and "\n  " in r.stdout, r.stdout)
    r = run("--db", db, "org", "frobnicate")
    check("org with an unknown subcommand is a usage error", r.returncode == 2, r.stderr)

    r = run("--db", db, "search", "青石村党支部", "--json", "--limit", "500")
    found = json.loads(r.stdout) if r.returncode == 0 else []
    check("search a branch name finds its 38 members", len(found) == 38, r.stderr)
    check("search masks ID numbers", all("********" in m["id_number"] for m in found))
    first = found[0] if found else {"name": "?", "id": 0}
    r = run("--db", db, "search", first["name"][:1], "--json", "--limit", "500")
    hits = json.loads(r.stdout) if r.returncode == 0 else []
    check("a surname alone finds that member", any(m["id"] == first["id"] for m in hits),
          r.stdout[:300])
    r = run("--db", db, "search", "--json")
    check("search without text is a usage error", r.returncode == 2, r.stderr)

    r = run("--db", db, "member", "show", str(first["id"]), "--json", "--reveal")
    member = json.loads(r.stdout) if r.returncode == 0 else {}
    check("member show --json has the history", member.get("name") == first["name"]
          and member.get("events") and member["events"][0]["kind"] == "admission", r.stdout)
    check("member show --reveal shows the full ID number",
          len(member.get("id_number") or "") == 18, repr(member.get("id_number")))
    r = run("--db", db, "member", "show", member.get("id_number", "x"))
    check("member show by ID number", r.returncode == 0 and first["name"] in r.stdout
          and "********" in r.stdout, r.stdout + r.stderr)
    r = run("--db", db, "member", "show", "999999")
    check("member show of an unknown member is bad data (65)", r.returncode == 65
          and "999999" in r.stderr, r.stderr)

    # member edit: the options given replace the stored values, the rest stays
    key = str(first["id"])
    r = run("--db", db, "member", "edit", key, "--phone", "13977778888", "--occupation", "村医")
    after = json.loads(run("--db", db, "member", "show", key, "--json", "--reveal").stdout)
    check("member edit changes the phone and occupation only", r.returncode == 0
          and after.get("phone") == "13977778888" and after.get("occupation") == "村医"
          and after.get("name") == member.get("name")
          and after.get("id_number") == member.get("id_number")
          and after.get("events") == member.get("events"), r.stderr + repr(after)[:300])
    r = run("--db", db, "member", "edit", key, "--id-number", "330822198807150031")
    again = json.loads(run("--db", db, "member", "show", key, "--json", "--reveal").stdout)
    check("member edit with a bad check digit is refused (65), nothing changed",
          r.returncode == 65 and "330822198807150031" in r.stderr and again == after, r.stderr)

    # the 党小组: the demo places 青石村党支部's members in its groups; member edit --group
    # moves one to another group of the branch, or out of any; an unknown one is refused
    check("member show --json names the member's 党小组", after.get("group") == "第一党小组",
          repr(after.get("group")))
    r = run("--db", db, "member", "edit", key, "--group", "第二党小组")
    moved = json.loads(run("--db", db, "member", "show", key, "--json", "--reveal").stdout)
    check("member edit --group moves the member to another group, the rest stays",
          r.returncode == 0 and moved.get("group") == "第二党小组"
          and moved.get("phone") == after.get("phone")
          and moved.get("organization") == "青石村党支部", r.stderr + repr(moved)[:300])
    r = run("--db", db, "member", "show", key)
    check("member show prints the group", "第二党小组" in r.stdout, r.stdout)
    r = run("--db", db, "member", "edit", key, "--group", "第九党小组", "--phone", "13911112222")
    again = json.loads(run("--db", db, "member", "show", key, "--json", "--reveal").stdout)
    check("member edit --group of an unknown group is refused (65), naming the branch's groups,"
          " nothing changed", r.returncode == 65 and "第九党小组" in r.stderr
          and "第三党小组" in r.stderr and again == moved, r.stderr)
    r = run("--db", db, "member", "edit", key, "--group", "无")
    again = json.loads(run("--db", db, "member", "show", key, "--json", "--reveal").stdout)
    check("member edit --group 无 takes the member out of any group", r.returncode == 0
          and again.get("group") is None, r.stderr + repr(again.get("group")))
    r = run("--db", db, "member", "add", "--name", "柴永年", "--gender", "男", "--org",
            "砚瓦山村党支部", "--group", "第三党小组", "--joined", "2020-07-01")
    new_id = r.stdout.strip()
    added = json.loads(run("--db", db, "member", "show", new_id or "0", "--json").stdout or "{}")
    check("member add --group places the new member in the group", r.returncode == 0
          and added.get("group") == "第三党小组"
          and added.get("organization") == "砚瓦山村党支部", r.stderr + repr(added)[:300])
    r = run("--db", db, "org", "list", "--json")
    orgs = json.loads(r.stdout) if r.returncode == 0 else []
    groups = [o for o in orgs if o["kind"] == "group"]
    roots = [o for o in orgs if o["parent_id"] is None]
    check("org list counts the members of each 党小组, and each member once in the total",
          groups and all(o["members"] > 0 for o in groups)
          and roots and roots[0]["members_total"] == 216, r.stderr + repr(groups)[:300])

    r = run("--db", db, "demo")
    check("demo on a full database is bad data (65)", r.returncode == 65, r.stderr)

    # Exit codes: a missing input file is 66, a malformed period is bad data or usage, never
    # an I/O error (74).
    missing = os.path.join(tmp, "no-such-package.xml")
    for cmd in (["import"], ["import", "--dry-run"], ["verify"]):
        r = run("--db", db, *cmd, missing)
        check(f"{' '.join(cmd)} of a missing file: cannot open input (66)",
              r.returncode == 66 and missing in r.stderr, f"{r.returncode}: {r.stderr}")
    r = run("--db", db, "import", tmp)
    check("import of a folder: cannot open input (66)", r.returncode == 66 and tmp in r.stderr,
          f"{r.returncode}: {r.stderr}")
    for quarter in ("2026-13", "2026-Q5", "2026"):
        r = run("--db", db, "redblack", "--quarter", quarter)
        check(f"redblack --quarter {quarter}: usage error (2), naming it",
              r.returncode == 2 and quarter in r.stderr, f"{r.returncode}: {r.stderr}")
    for kind in ("redblack", "ranking", "fortress", "compliance"):
        for period in ("2026-13", "xyz"):
            pdf = os.path.join(tmp, f"{kind}-{period}.pdf")
            r = run("--db", db, "report", kind, "--period", period, "--out", pdf)
            check(f"report {kind} --period {period}: bad data (65), nothing written",
                  r.returncode == 65 and period in r.stderr and not os.path.exists(pdf),
                  f"{r.returncode}: {r.stderr}")
    r = run("--db", db, "init")
    check("init on an existing file cannot create (73)", r.returncode == 73, r.stderr)

    # A tampered record makes check fail with 65 and name the problem.
    con = sqlite3.connect(db)
    con.execute("UPDATE members SET gender = CASE gender WHEN 'M' THEN 'F' ELSE 'M' END "
                "WHERE id = 3")
    con.commit()
    con.close()
    r = run("--db", db, "check")
    check("check finds a gender that contradicts the ID number (65)",
          r.returncode == 65 and "gender" in r.stderr, r.stderr)

    # A branch with members becomes a 党总支 only with its members moved, in one step.
    con = sqlite3.connect(db)
    branches = con.execute("SELECT o.name, count(*) FROM members m JOIN organizations o ON"
                           " o.id = m.org_id WHERE m.status = 'active' AND o.kind = 'branch'"
                           " GROUP BY o.id ORDER BY o.sort_order, o.id LIMIT 2").fetchall()
    con.close()
    (first, n_first), (second, n_second) = branches
    r = run("--db", db, "org", "set-kind", first, "党总支")
    check("set-kind of a branch with members is refused with their count (65)",
          r.returncode == 65 and first in r.stderr and str(n_first) in r.stderr, r.stderr)
    r = run("--db", db, "org", "set-kind", first, "党总支", "--new-branch", "新设第一党支部",
            "--move-members-to", second)
    check("set-kind takes one of --new-branch and --move-members-to (2)", r.returncode == 2,
          r.stderr)
    r = run("--db", db, "org", "set-kind", first, "党总支", "--new-branch", "新设第一党支部")
    con = sqlite3.connect(db)
    moved = con.execute("SELECT count(*) FROM members m JOIN organizations o ON o.id = m.org_id"
                        " JOIN organizations p ON p.id = o.parent_id WHERE o.name = '新设第一党支部'"
                        " AND p.name = ? AND p.kind = 'general_branch' AND m.status = 'active'",
                        (first,)).fetchone()[0]
    con.close()
    check("set-kind --new-branch upgrades and moves the members under it",
          r.returncode == 0 and moved == n_first, f"{r.returncode} {moved}: {r.stderr}")
    # Members left directly under a 党总支 (written behind Guatu's back): check names it.
    con = sqlite3.connect(db)
    con.execute("UPDATE organizations SET kind = 'general_branch' WHERE name = ?", (second,))
    con.commit()
    con.close()
    r = run("--db", db, "check")
    check("check names a 党总支 with members of its own, and their count (65)",
          r.returncode == 65 and second in r.stderr and f" {n_second} " in r.stderr
          and first not in r.stderr, r.stderr)

    new = os.path.join(tmp, "new", "county.db")
    r = run("--db", new, "init", "--role", "county", "--office-name", "常山县委组织部")
    check("init creates a county database and its folder", r.returncode == 0
          and os.path.exists(new), r.stderr)
    r = run("--db", new, "stats", "--json")
    check("a new database is empty", r.returncode == 0 and json.loads(r.stdout)["members"] == 0)
    r = run("--db", new, "init", "--role", "village")
    check("init with a bad role is a usage error (2)", r.returncode == 2, r.stderr)

    # Foreign files: refused with 65, one clear line, byte-for-byte unchanged.
    garbage = os.path.join(tmp, "garbage.db")
    with open(garbage, "wb") as f:
        f.write(os.urandom(8192))
    empty = os.path.join(tmp, "empty.db")
    open(empty, "wb").close()
    other = os.path.join(tmp, "other.sqlite")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE ledger (amount INTEGER)")
    con.commit()
    con.close()
    for path in (garbage, empty, other):
        before = sha(path)
        for cmd in (["stats"], ["demo"], ["check"]):
            r = run("--db", path, *cmd)
            name = os.path.basename(path)
            check(f"{name} {cmd[0]}: refused with 65", r.returncode == 65, r.stderr)
            check(f"{name} {cmd[0]}: one line naming the file",
                  r.stderr.count("\n") == 1 and path in r.stderr, r.stderr)
        check(f"{os.path.basename(path)} left unchanged", sha(path) == before)
        check(f"{os.path.basename(path)} no journal left",
              not os.path.exists(path + "-wal") and not os.path.exists(path + "-shm"))

    # Translated messages under zh_CN.
    localedir = os.environ.get("GUATU_LOCALEDIR")
    if localedir:
        r = run("--db", garbage, "stats", env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
        check("errors are Chinese under zh_CN", r.returncode == 65
              and any("\u4e00" <= c <= "\u9fff" for c in r.stderr), r.stderr)

finish()
