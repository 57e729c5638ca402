#!/usr/bin/env python3
"""guatu-cli import-roster and export-roster end to end: exit codes, problem lines, summary,
an unchanged database after a refused file, the exported file and its round trip.

Run by meson with the guatu-cli binary and the fixtures folder as arguments. Prints TAP.
"""
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import CLI, check, finish, run  # noqa: E402

DATA = sys.argv[2]


def fixture(name):
    return os.path.join(DATA, name)


def members(db):
    """Member count and a digest of every member and event row."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT * FROM members ORDER BY id").fetchall()
        rows += con.execute("SELECT * FROM member_events ORDER BY id").fetchall()
        n = con.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        con.close()
    return n, hashlib.sha256(repr(rows).encode()).hexdigest()


def dump(db):
    """Every row of the database as SQL text."""
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def meta(db, key):
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    finally:
        con.close()
    return row[0] if row else None


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "demo.db")
    r = run("--db", db, "demo")
    check("demo exits 0", r.returncode == 0, r.stderr)
    base = members(db)

    r = run("--help")
    check("help lists import-roster and export-roster",
          "import-roster" in r.stdout and "export-roster" in r.stdout, r.stdout)

    good = fixture("good.csv")
    r = run("--db", db, "import-roster", good, "--dry-run")
    check("dry run of a good file exits 0", r.returncode == 0, r.stderr)
    check("dry run writes nothing", members(db) == base)
    check("dry run says so", "Dry run" in r.stdout, r.stdout)

    r = run("--db", db, "import-roster", good)
    check("good file imported (0)", r.returncode == 0, r.stderr)
    check("summary: 6 rows read, 6 imported, 0 problems",
          "6 rows read, 6 imported, 0 problems" in r.stdout, r.stdout)
    check("unknown column is a warning line", f"{good}:1: 备注: warning: " in r.stderr, r.stderr)
    after_good = members(db)
    check("six members more", after_good[0] == base[0] + 6, after_good)

    r = run("--db", db, "import-roster", good)
    check("the same file again is bad data (65)", r.returncode == 65, r.stderr)
    lines = [l for l in r.stderr.splitlines() if re.match(re.escape(good) + r":\d+: 身份证号: ", l)]
    check("one FILE:LINE: COLUMN: reason line per duplicate", len(lines) == 6, r.stderr)
    check("summary counts 6 problems", "6 rows read, 0 imported, 6 problems" in r.stdout,
          r.stdout)
    check("database unchanged after a refused file", members(db) == after_good)

    for name, where in [("bad-check-digit.csv", "3: 身份证号: "), ("bad-date.csv", "4: 入党日期: "),
                        ("unknown-branch.csv", "3: 所在支部: "), ("dup-in-db.csv", "3: 身份证号: "),
                        ("gender-mismatch.csv", "3: 性别: "), ("unterminated-quote.csv", "3: 职业: "),
                        ("truncated.csv", "4: 手机号码: "), ("invalid-bytes.csv", "3: ")]:
        path = fixture(name)
        r = run("--db", db, "import-roster", path)
        check(f"{name}: refused with 65", r.returncode == 65, r.stderr)
        check(f"{name}: problem at {where.strip()}", f"{path}:{where}" in r.stderr, r.stderr)
        check(f"{name}: database unchanged", members(db) == after_good)

    dup = fixture("dup-in-file.csv")
    r = run("--db", db, "import-roster", dup, "--valid-only")
    check("--valid-only imports the valid rows (0)", r.returncode == 0, r.stderr)
    check("--valid-only still prints the problems", f"{dup}:2: 身份证号: " in r.stderr
          and f"{dup}:4: 身份证号: " in r.stderr, r.stderr)
    check("--valid-only imported exactly 2", members(db)[0] == after_good[0] + 2, r.stdout)
    current = members(db)
    r = run("--db", db, "import-roster", dup, "--valid-only")
    check("--valid-only with nothing valid left is 65", r.returncode == 65
          and members(db) == current, r.stdout + r.stderr)

    r = run("--db", db, "import-roster", fixture("good.tsv"), "--encoding", "utf-8")
    check("TSV with --encoding utf-8 imported (0)", r.returncode == 0, r.stderr)
    current = members(db)

    r = run("--db", db, "import-roster", os.path.join(tmp, "missing.csv"))
    check("missing input: cannot open (66)", r.returncode == 66 and "missing.csv" in r.stderr,
          r.stderr)
    r = run("--db", db, "import-roster")
    check("no file is a usage error (2)", r.returncode == 2, r.stderr)
    r = run("--db", db, "import-roster", good, "--encoding", "latin1")
    check("bad --encoding is a usage error (2)", r.returncode == 2, r.stderr)
    r = run("--db", db, "import-roster", good, "--org", "石门村党支部")
    check("unknown --org is bad data (65)", r.returncode == 65 and "石门村党支部" in r.stderr,
          r.stderr)
    check("database unchanged by the refusals", members(db) == current)

    # Export: masked by default, the whole register or one branch.
    out = os.path.join(tmp, "roster.csv")
    r = run("--db", db, "export-roster", "--out", out)
    check("export exits 0", r.returncode == 0, r.stderr)
    with open(out, "rb") as f:
        raw = f.read()
    check("export starts with a BOM and the Chinese header",
          raw.startswith("\ufeff姓名,性别,民族,身份证号,手机号码".encode()), raw[:40])
    check("export ends lines with CRLF", raw.count(b"\r\n") == current[0] + 1
          and raw.count(b"\n") == raw.count(b"\r\n"), raw.count(b"\r\n"))
    check("export is masked by default", b"********" in raw)
    check("export file is private (0600)", (os.stat(out).st_mode & 0o777) == 0o600)
    # The masked export imported again: one line saying so, not one per masked cell.
    r = run("--db", db, "import-roster", out)
    lines = r.stderr.strip().splitlines()
    check("masked export imported again: bad data (65), the reason said once, without a "
          "line number, and no error per cell", r.returncode == 65
          and lines[0].startswith("guatu-cli: " + out + ": this file is a masked export: ")
          and "--unmasked" in lines[0] and r.stderr.count("masked export") == 1
          and not any(x.startswith(out + ":") and x[len(out) + 1:][:1].isdigit() for x in lines),
          r.stdout + r.stderr)
    check("masked export imported again: nothing stored", members(db) == current)
    r = run("--db", db, "export-roster", "--out", out, "--org", "330822105006")
    check("export of one branch by code", r.returncode == 0 and "40 members written" in r.stdout,
          r.stdout + r.stderr)

    r = run("--db", db, "export-roster", "--out", out, "--unmasked")
    check("unmasked export exits 0", r.returncode == 0, r.stderr)
    with open(out, "rb") as f:
        check("unmasked export has no masks", b"****" not in f.read())

    # Round trip into a new database with the same organisations.
    fresh = os.path.join(tmp, "fresh.db")
    r = run("--db", fresh, "init")
    con = sqlite3.connect(fresh)
    con.execute("ATTACH DATABASE ? AS src", (db,))
    con.execute("INSERT INTO organizations SELECT * FROM src.organizations")
    con.commit()
    con.close()
    r = run("--db", fresh, "import-roster", out)
    check("round trip: the unmasked export imports cleanly", r.returncode == 0
          and r.stderr == "", r.stdout + r.stderr)
    check("round trip: every member", members(fresh)[0] == current[0], members(fresh))
    r = run("--db", fresh, "check")
    check("round trip: check finds no problems", r.returncode == 0, r.stderr)

    r = run("--db", db, "export-roster", "--out", os.path.join(tmp, "no", "such", "r.csv"))
    check("export into a missing folder: cannot create (73)", r.returncode == 73
          and "r.csv" in r.stderr, r.stderr)
    r = run("--db", db, "export-roster")
    check("export without --out is a usage error (2)", r.returncode == 2, r.stderr)
    r = run("--db", db, "export-roster", "--out", out, "--org", "石门村党支部")
    check("export of an unknown organisation is bad data (65)", r.returncode == 65, r.stderr)

    # Excel: from the extension, or forced with --format; a zip either way.
    xlsx = os.path.join(tmp, "roster.xlsx")
    r = run("--db", db, "export-roster", "--out", xlsx)
    with open(xlsx, "rb") as f:
        check("export to .xlsx writes a workbook (zip)", r.returncode == 0
              and f.read(4) == b"PK\x03\x04", r.stderr)
    forced = os.path.join(tmp, "roster.dat")
    r = run("--db", db, "export-roster", "--out", forced, "--format", "xlsx", "--org",
            "330822105006")
    with open(forced, "rb") as f:
        check("--format xlsx whatever the extension", r.returncode == 0
              and "40 members written" in r.stdout and f.read(2) == b"PK", r.stdout + r.stderr)
    r = run("--db", db, "export-roster", "--out", xlsx, "--format", "csv")
    with open(xlsx, "rb") as f:
        check("--format csv whatever the extension", r.returncode == 0
              and f.read(3) == b"\xef\xbb\xbf", r.stderr)
    r = run("--db", db, "export-roster", "--out", xlsx, "--format", "ods")
    check("an unknown --format is a usage error (2)", r.returncode == 2 and "ods" in r.stderr,
          r.stderr)

    # Unusual headers: mapped once with --map, remembered for the next file — but a dry run
    # stores nothing, not even the mapping.
    odd = fixture("odd-headers.csv")
    mapped_db = os.path.join(tmp, "mapped.db")
    run("--db", mapped_db, "demo")
    odd_maps = ["--map", "公民身份证=id_number", "--map", "入党年月=join_date",
                "--map", "所属党组织=branch", "--map", "备注=ignore"]
    r = run("--db", mapped_db, "import-roster", odd, "--dry-run")
    check("unknown headers are warnings, and no 入党日期 column is an error",
          r.returncode == 65 and r.stderr.count("unknown column") == 4, r.stderr)
    before = dump(mapped_db)
    r = run("--db", mapped_db, "import-roster", odd, "--dry-run", *odd_maps)
    check("--map makes the file valid", r.returncode == 0 and "1 valid" in r.stdout,
          r.stdout + r.stderr)
    check("dry run with --map stores no roster.mapping",
          meta(mapped_db, "roster.mapping") is None, meta(mapped_db, "roster.mapping"))
    check("dry run with --map changes no row (dump unchanged)", dump(mapped_db) == before)
    r = run("--db", mapped_db, "import-roster", odd)
    check("after the dry run the headers are still unknown", r.returncode == 65
          and r.stderr.count("unknown column") == 4, r.stdout + r.stderr)
    check("a refused import changes no row either", dump(mapped_db) == before)
    # Refused with --map (a bad check digit), or the file missing, or a usage error after a
    # good --map: the mappings are not stored either.
    r = run("--db", mapped_db, "import-roster", fixture("bad-check-digit.csv"), "--map",
            "备注=ignore")
    check("a refused import with --map stores no mapping (dump unchanged)",
          r.returncode == 65 and dump(mapped_db) == before, r.stdout + r.stderr)
    r = run("--db", mapped_db, "import-roster", os.path.join(tmp, "missing.csv"), "--map",
            "备注=ignore")
    check("a missing file with --map stores no mapping", r.returncode == 66
          and dump(mapped_db) == before, r.stdout + r.stderr)
    r = run("--db", mapped_db, "import-roster", odd, "--map", "备注=ignore", "--map", "x=bogus")
    check("a bad --map after a good one stores neither", r.returncode == 2
          and dump(mapped_db) == before, r.stdout + r.stderr)
    r = run("--db", mapped_db, "import-roster", odd, *odd_maps)
    check("import with --map", r.returncode == 0 and "1 imported" in r.stdout,
          r.stdout + r.stderr)
    check("the import stores the mapping",
          sorted((meta(mapped_db, "roster.mapping") or "").splitlines()) ==
          sorted(["公民身份证\tid_number", "入党年月\tjoin_date", "备注\tignore",
                  "所属党组织\tbranch"]), repr(meta(mapped_db, "roster.mapping")))
    r = run("--db", mapped_db, "import-roster", odd, "--dry-run")
    check("the mapping is remembered for the next file", "unknown column" not in r.stderr
          and "joining date" not in r.stderr, r.stdout + r.stderr)
    r = run("--db", mapped_db, "import-roster", odd, "--dry-run", "--map", "备注=colour")
    check("--map with an unknown field is a usage error (2)", r.returncode == 2
          and "colour" in r.stderr, r.stderr)
    r = run("--db", mapped_db, "import-roster", odd, "--dry-run", "--map", "备注")
    check("--map without = is a usage error (2)", r.returncode == 2, r.stderr)

    if os.environ.get("GUATU_LOCALEDIR"):
        r = run("--db", db, "import-roster", fixture("bad-date.csv"),
                env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
        reason = r.stderr.split("入党日期: ", 1)[-1]
        check("problems are Chinese under zh_CN", r.returncode == 65
              and any("\u4e00" <= c <= "\u9fff" for c in reason.split("”")[-1]), r.stderr)

finish()
