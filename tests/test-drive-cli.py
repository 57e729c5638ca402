#!/usr/bin/env python3
"""A write-protected USB drive (issue 9): writing an exchange package, a roster (CSV and
Excel), a backup, a heart-link card or a report onto it fails with a message naming the file
and the reason, the exit status for an output that cannot be created (73), nothing left on
the drive, and the database unchanged.

The drive is a folder without write permission. Root ignores permissions, so when the test
runs as root (as in CI) guatu-cli is started without the capability that lets it
(setpriv --bounding-set=-dac_override), which is what a read-only mount does to everyone.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import CLI, check, finish, query, run  # noqa: E402

ROOT = os.geteuid() == 0
SETPRIV = shutil.which("setpriv")


def run_unprivileged(*args):
    """guatu-cli as a user who cannot write to the drive."""
    if not ROOT:
        return run(*args)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
    env.pop("GUATU_DB", None)
    return subprocess.run([SETPRIV, "--bounding-set=-dac_override,-dac_read_search", CLI,
                           *args], capture_output=True, text=True, env=env, timeout=120)


def dump(db):
    return subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True,
                          check=True).stdout


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "guatu.db")
    r = run("--db", db, "demo")
    check("demo", r.returncode == 0, r.stderr)
    r = run("--db", db, "keys", "generate")
    check("keys generate", r.returncode == 0, r.stderr)
    member = str(query(db, "SELECT id FROM members ORDER BY id LIMIT 1")[0][0])
    drive = os.path.join(tmp, "usb")
    os.mkdir(drive)
    os.chmod(drive, 0o500)
    check("the drive really is write-protected for guatu-cli",
          not ROOT or SETPRIV is not None, "setpriv (util-linux) is missing")
    before = dump(db)
    writes = [
        ("exchange package", "report.xml",
         ["export", "--kind", "report", "--to", "330822", "--out"]),
        ("roster CSV", "roster.csv", ["export-roster", "--out"]),
        ("roster Excel", "roster.xlsx", ["export-roster", "--out"]),
        ("backup", "copy.guatu-backup", ["backup", "--out"]),
        ("heart-link card", "card.pdf", ["card", member, "--out"]),
        ("arrears report", "arrears.pdf", ["report", "arrears", "--period", "2026-11", "--out"]),
    ]
    for name, base, argv in writes:
        target = os.path.join(drive, base)
        r = run_unprivileged("--db", db, *argv, target)
        check(f"{name}: exit 73 (cannot create output)", r.returncode == 73,
              f"{r.returncode}: {r.stderr}")
        check(f"{name}: the message names the file and the reason",
              base in r.stderr and ("denied" in r.stderr or "ead-only" in r.stderr),
              r.stderr)
        check(f"{name}: one line, no crash", r.stderr.count("\n") <= 2, r.stderr)
        check(f"{name}: nothing left on the drive", os.listdir(drive) == [],
              os.listdir(drive))
    check("the database is unchanged (sqlite3 .dump)", dump(db) == before)
    os.chmod(drive, 0o700)

finish()
