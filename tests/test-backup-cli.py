#!/usr/bin/env python3
"""guatu-cli backup, backup list and restore: files, exit codes, the way back from a damaged
database.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import hashlib
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import check, finish, json_of, query, refused, run  # noqa: E402


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def members(db):
    return query(db, "SELECT count(*) FROM members")[0][0]


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "guatu.db")
    folder = os.path.join(tmp, "backups")
    run("--db", db, "demo")
    check("a new database has no backups", not os.path.exists(folder), os.listdir(tmp))
    old = members(db)

    r = run("--db", db, "backup")
    path = r.stdout.strip()
    check("backup exits 0 and prints the new file", r.returncode == 0 and os.path.isfile(path),
          r.stdout + r.stderr)
    check("the automatic backup is in the backups folder, named after the database",
          os.path.dirname(path) == folder and os.path.basename(path).startswith("guatu-")
          and path.endswith("-manual.guatu-backup"), path)
    check("the backup is private (0600)", (os.stat(path).st_mode & 0o777) == 0o600)
    check("the backup holds the members", members(path) == old)

    out = os.path.join(tmp, "stick", "copy.guatu-backup")
    r = run("--db", db, "backup", "--out", out)
    check("backup --out to a missing folder: exit 73", r.returncode == 73 and "copy.guatu-backup"
          in r.stderr, f"{r.returncode}: {r.stderr}")
    os.mkdir(os.path.dirname(out))
    r = run("--db", db, "backup", "--out", out)
    check("backup --out exits 0", r.returncode == 0 and os.path.isfile(out), r.stderr)
    check("nothing but the backup in the target folder", os.listdir(os.path.dirname(out))
          == ["copy.guatu-backup"], os.listdir(os.path.dirname(out)))

    r = run("--db", db, "backup", "list", "--json")
    listed = json_of(r) or []
    check("backup list --json lists the automatic backup", r.returncode == 0 and len(listed) == 1
          and listed[0]["path"] == path and listed[0]["reason"] == "manual"
          and listed[0]["size"] == os.path.getsize(path), r.stdout + r.stderr)
    r = run("--db", db, "backup", "list")
    check("backup list names the file", r.returncode == 0 and path in r.stdout, r.stdout)

    # A member added after the backup is gone after restoring it.
    r = run("--db", db, "member", "add", "--name", "龚自珍", "--org", "青石村党支部",
            "--joined", "2025-07-01", "--id-number", "33082219880715003X")
    check("a member added after the backup", r.returncode == 0 and members(db) == old + 1,
          r.stderr)

    garbage = os.path.join(tmp, "garbage.guatu-backup")
    with open(garbage, "wb") as f:
        f.write(os.urandom(4096))
    refused("restore garbage", db, ["restore", garbage], 65, "garbage.guatu-backup", sha)
    # A backup cut off while copying: said so in words before SQLite's own, nothing changed.
    cut = os.path.join(tmp, "cut.guatu-backup")
    with open(path, "rb") as f, open(cut, "wb") as g:
        g.write(f.read(os.path.getsize(path) // 2))
    refused("restore a cut-off backup", db, ["restore", cut], 65,
            "damaged or incomplete (cut off while copying?)", sha)
    refused("restore a missing file", db, ["restore", os.path.join(tmp, "nope.guatu-backup")],
            66, "nope.guatu-backup", sha)
    r = run("--db", db, "restore")
    check("restore without a file: exit 2", r.returncode == 2, r.stderr)

    r = run("--db", db, "restore", path)
    check("restore exits 0", r.returncode == 0, r.stdout + r.stderr)
    safety = [line.split(" in ", 1)[1] for line in r.stdout.splitlines() if " kept in " in line]
    check("restore prints the safety backup", len(safety) == 1 and os.path.isfile(safety[0]),
          r.stdout)
    check("the member added after the backup is gone", members(db) == old)
    check("the safety backup holds it", safety and members(safety[0]) == old + 1)
    check("the restored database passes check", run("--db", db, "check").returncode == 0)
    check("no temporary file is left", [f for f in os.listdir(tmp) if f.startswith(".")] == [],
          os.listdir(tmp))

    # A damaged database: the error names the newest good backup and how to restore it.
    with open(db, "r+b") as f:
        f.seek(100)
        f.write(b"\xa5" * 3996)
    r = run("--db", db, "stats")
    check("damaged database: exit 65", r.returncode == 65, f"{r.returncode}: {r.stderr}")
    check("damaged database: names the newest backup and the restore command",
          "damaged" in r.stderr and f"restore {safety[0]}" in r.stderr, r.stderr)
    r = run("--db", db, "restore", safety[0])
    check("restoring over a damaged database works", r.returncode == 0 and
          members(db) == old + 1, r.stdout + r.stderr)
    check("the damaged file is kept beside it",
          any(f.startswith("guatu.db.damaged-") for f in os.listdir(tmp)), os.listdir(tmp))

finish()
