#!/usr/bin/env python3
"""Crash safety and locking, end to end.

`guatu-cli import-roster` of 5 000 members, and `guatu-cli import` of a county's exchange
package from a township of 2 000 members (12 000 households), are each killed with SIGKILL at 20 moments spread
over the time an import takes; after each kill the database passes PRAGMA integrity_check and
`guatu-cli check`, and holds all of the roster or package or none of it. A write lock held by another
program makes `guatu-cli member add` wait its busy timeout (GUATU_BUSY_TIMEOUT_MS) and exit
75, saying the database is busy.

Run by meson with the paths of guatu-cli and tests/bench/make-roster.py. Prints TAP.
"""
import os
import random
import shutil
import glob
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import CLI, check, finish, query, run  # noqa: E402

MAKE_ROSTER = sys.argv[2]
ROWS = 5000
KILLS = 20
SEED = int(os.environ.get("GUATU_CRASH_SEED", random.randrange(1 << 30)))
print(f"# GUATU_CRASH_SEED={SEED}")
print(f"GUATU_CRASH_SEED={SEED} (set it to repeat the kill moments)", file=sys.stderr)
rng = random.Random(SEED)


def cli_env():
    e = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
    e.pop("GUATU_DB", None)
    return e


def members(db):
    return query(db, "SELECT count(*) FROM members")[0][0]


def integrity(db):
    return query(db, "PRAGMA integrity_check")


def package_rows(db):
    """What an exchange import stores: the records and the ledger entry."""
    return (query(db, "SELECT count(*) FROM ex_records")[0][0],
            query(db, "SELECT count(*) FROM ex_ledger")[0][0])


def kill_repeatedly(tmp, label, pristine, argv, state):
    """Runs `guatu-cli --db COPY argv` once whole, then KILLS times killed with SIGKILL at
    random moments; each time the copy must be intact and in the state before or after."""
    db = os.path.join(tmp, label, "measure", "guatu.db")
    os.makedirs(os.path.dirname(db))
    shutil.copy(pristine, db)
    before = state(db)
    start = time.monotonic()
    r = run("--db", db, *argv)
    duration = time.monotonic() - start
    after = state(db)
    print(f"# {label}: one whole import takes {duration:.2f} s")
    check(f"{label}: a finished guatu-cli leaves no holder file", not glob.glob(db + ".holder-*"),
          glob.glob(db + ".holder-*"))
    check(f"{label}: a whole import succeeds and changes the database",
          r.returncode == 0 and after != before, r.stdout + r.stderr)
    backups = os.listdir(os.path.join(os.path.dirname(db), "backups"))
    check(f"{label}: the import was preceded by an automatic backup",
          len(backups) == 1 and backups[0].endswith("-import.guatu-backup"), repr(backups))

    outcomes = {"none": 0, "all": 0}
    killed = 0
    holders = []
    for i in range(KILLS):
        # One moment in each twentieth of the import's duration.
        delay = (i + rng.random()) * duration / KILLS
        work = os.path.join(tmp, label, f"kill-{i}")
        os.makedirs(work)
        db = os.path.join(work, "guatu.db")
        shutil.copy(pristine, db)
        proc = subprocess.Popen([CLI, "--db", db] + argv, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=cli_env())
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL:
            killed += 1
            holders += [open(h, encoding="utf-8").read() for h in glob.glob(db + ".holder-*")]
        name = f"{label}: kill {i + 1} at {delay:.3f} s"
        result = integrity(db)
        check(f"{name}: integrity_check ok", result == [("ok",)], repr(result))
        now = state(db)
        check(f"{name}: all or nothing ({now})", now in (before, after), now)
        outcomes["none" if now == before else "all"] += 1
        r = run("--db", db, "check")
        check(f"{name}: guatu-cli check passes", r.returncode == 0, r.stdout + r.stderr)
        shutil.rmtree(work)
    print(f"# {label}: {killed} of {KILLS} imports were killed before they finished; "
          f"{outcomes['none']} left nothing imported, {outcomes['all']} everything")
    check(f"{label}: most imports were cut off by the kill", killed >= KILLS // 2, killed)
    check(f"{label}: a running guatu-cli says who holds the database (DB.holder-PID)",
          any("program=guatu-cli" in h and f"host={socket.gethostname()}" in h for h in holders),
          holders[:1])


with tempfile.TemporaryDirectory() as tmp:
    pristine = os.path.join(tmp, "pristine.db")
    roster = os.path.join(tmp, "roster.csv")
    r = run("--db", pristine, "demo")
    check("demo database", r.returncode == 0, r.stderr)
    subprocess.run([sys.executable, MAKE_ROSTER, str(ROWS), "20180730", roster], check=True)
    old = members(pristine)
    kill_repeatedly(tmp, "roster", pristine, ["import-roster", roster], members)

    # A county imports a township's full package.
    township = os.path.join(tmp, "township.db")
    county = os.path.join(tmp, "county.db")
    package = os.path.join(tmp, "full.xml")
    pem = os.path.join(tmp, "township.pem")
    steps = [
        ("--db", township, "demo", "--members", "2000", "--code", "330822105", "--name", "青石镇"),
        ("--db", township, "keys", "generate"),
        ("--db", township, "keys", "export", "--out", pem),
        ("--db", county, "init", "--role", "county", "--code", "330822", "--name", "常山县"),
        ("--db", county, "keys", "trust", pem, "--code", "330822105", "--name", "青石镇"),
        ("--db", township, "export", "--kind", "full", "--to", "330822", "--out", package),
    ]
    for argv in steps:
        r = run(*argv)
        check("exchange set-up: " + " ".join(argv[2:4]), r.returncode == 0, r.stdout + r.stderr)
    kill_repeatedly(tmp, "exchange", county, ["import", package], package_rows)

    # Another program holds the write lock: wait the busy timeout, then exit 75.
    db = os.path.join(tmp, "locked.db")
    shutil.copy(pristine, db)
    add = ["--db", db, "member", "add", "--name", "龚自珍", "--org", "青石村党支部",
           "--joined", "2025-07-01", "--id-number", "33082219880715003X"]
    holder = sqlite3.connect(db, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    # The holder names itself as Guatu does; a crashed program's file (a dead process) is not
    # named.
    with open(f"{db}.holder-{os.getpid()}", "w", encoding="utf-8") as f:
        f.write(f"[holder]\noperator=李四\nprogram=guatu\npid={os.getpid()}\n"
                f"host={socket.gethostname()}\nsince=2026-12-01 09:30\n")
    dead = subprocess.Popen(["true"])
    dead.wait()
    with open(f"{db}.holder-{dead.pid}", "w", encoding="utf-8") as f:
        f.write(f"[holder]\noperator=王五\nprogram=guatu\npid={dead.pid}\n"
                f"host={socket.gethostname()}\nsince=2026-11-30 17:00\n")
    start = time.monotonic()
    r = run(*add, env={"GUATU_BUSY_TIMEOUT_MS": "400"})
    waited = time.monotonic() - start
    holder.execute("ROLLBACK")
    holder.close()
    check("locked: exit 75", r.returncode == 75, f"{r.returncode}: {r.stderr}")
    check("locked: one line saying the database is busy",
          "busy" in r.stderr and db in r.stderr and r.stderr.count("\n") == 1, r.stderr)
    check("locked: the message names who holds it",
          "李四" in r.stderr and f"process {os.getpid()}" in r.stderr, r.stderr)
    check("locked: a crashed program's holder file is not named", "王五" not in r.stderr,
          r.stderr)
    check(f"locked: waited the busy timeout ({waited:.2f} s)", 0.4 <= waited < 4, waited)
    check("locked: nothing was added", members(db) == old)
    r = run(*add)
    check("unlocked: the same command succeeds", r.returncode == 0 and members(db) == old + 1,
          r.stderr)

finish()
