"""Shared pieces of the command-line tests: run guatu-cli, record checks, print TAP.

Each test script does `from taptest import run, check, query, finish` after putting this
folder on sys.path, and calls finish() at the end."""
import json
import os
import sqlite3
import subprocess
import sys

CLI = sys.argv[1]
_results = []


def run(*args, env=None, timeout=600):
    """Runs guatu-cli in the C locale (unless @env says otherwise), without $GUATU_DB.
    A command may take minutes under ASan (a county importing a dozen townships); meson's
    timeout of the whole test is the real limit."""
    e = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="C")
    e.pop("GUATU_DB", None)
    if env:
        e.update(env)
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=e, timeout=timeout)


def check(name, cond, detail=""):
    _results.append((name, bool(cond), detail))


def query(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def json_of(result):
    """The command's stdout as JSON, or None."""
    try:
        return json.loads(result.stdout)
    except ValueError:
        return None


def refused(name, db, args, code, part, digest):
    """The command fails with @code, one line on stderr holding @part, and @digest (a function
    of the database) says nothing changed."""
    before = digest(db)
    r = run("--db", db, *args)
    check(f"{name}: exit {code}", r.returncode == code, f"{r.returncode}: {r.stderr}")
    check(f"{name}: says “{part}”", part in r.stderr and r.stderr.count("\n") == 1, r.stderr)
    check(f"{name}: database unchanged", digest(db) == before)


def finish():
    """Prints the TAP plan and results and exits 0 when every check passed."""
    print(f"1..{len(_results)}")
    for i, (name, ok, detail) in enumerate(_results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:10]:
                print(f"# {line}")
    # The failures on stderr too: CI's log (meson --print-errorlogs) shows only that.
    for name, ok, detail in _results:
        if not ok:
            print(f"not ok - {name}: {str(detail)[:500]}", file=sys.stderr)
    sys.exit(0 if all(ok for _, ok, _ in _results) else 1)
