#!/usr/bin/env python3
"""Exchange benchmarks, each against a floor measured in the same run on the same data.

    bench-exchange.py BUILD-DIR [MEMBERS] [--json FILE] [--check]

  export   guatu-cli export --kind full      floor: sqlite3 -csv of the same rows (target ≤ 2×)
  import   guatu-cli import (signature, XSD, one transaction)
                                             floor: xmllint --stream --noout (target ≤ 2.5×)
  peak RSS of the import and of the export  (target < 150 MB)

MEMBERS (default 200000) are added to the demo township with import-roster. The test suite
runs it with 2000 so it cannot rot; --check makes it fail when a target is missed (only
meaningful at full size)."""
import json
import os
import subprocess
import sys
import tempfile
import time

args = [a for a in sys.argv[1:] if not a.startswith("--")]
build = os.path.abspath(args[0])
out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else "bench-exchange.json"
if "--json" in sys.argv and out in args:
    args.remove(out)
members = int(args[1]) if len(args) > 1 else 200000
here = os.path.dirname(os.path.abspath(__file__))
cli = os.path.join(build, "src", "cli", "guatu-cli")
null = subprocess.DEVNULL

# The same rows the export writes, as CSV (members dominate).
FLOOR_SQL = """
SELECT o.uuid, o.rev, o.mtime, p.uuid, o.name, o.kind, o.level, o.code, o.org_type, o.secretary,
       o.founded, o.archived, o.sort_order
  FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id ORDER BY o.id;
SELECT m.uuid, m.rev, m.mtime, o.uuid, m.name, m.gender, m.ethnicity, m.id_number, m.phone,
       m.education, m.occupation, m.birth_date, m.join_date, m.full_date, m.category, m.status,
       m.flags FROM members m JOIN organizations o ON o.id = m.org_id ORDER BY m.id;
SELECT h.uuid, h.rev, h.mtime, h.head_name, v.name, h.grid, h.address, h.size, h.notes
  FROM households h LEFT JOIN villages v ON v.id = h.village_id ORDER BY h.id;
SELECT l.uuid, l.rev, l.mtime, m.uuid, h.uuid, l.link_type, l.post
  FROM member_household_links l JOIN members m ON m.id = l.member_id
  JOIN households h ON h.id = l.household_id ORDER BY l.id;
SELECT mt.uuid, mt.rev, mt.mtime, o.uuid, mt.kind, mt.date, mt.topic, mt.place, mt.host,
       (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND a.present),
       (SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = mt.id AND NOT a.present)
  FROM meetings mt JOIN organizations o ON o.id = mt.org_id ORDER BY mt.id;
SELECT d.uuid, d.rev, d.mtime, m.uuid, o.uuid, d.month, d.amount_fen, d.paid_on
  FROM dues_payments d JOIN members m ON m.id = d.member_id
  LEFT JOIN organizations o ON o.id = d.org_id ORDER BY d.id;
SELECT p.uuid, p.rev, p.mtime, m.uuid, o.uuid, p.month, p.kind, p.item_code, p.category,
       p.points, p.note FROM score_points p JOIN members m ON m.id = p.member_id
  JOIN organizations o ON o.id = p.org_id ORDER BY p.id;
SELECT r.uuid, s.rev, s.mtime, o.uuid, s.uuid, s.kind, s.period, s.rule_version, s.published_at,
       m.uuid, r.name, r.org_name, r.score, r.class, r.grade, r.rank, r.stars,
       r.household_stars, r.warning FROM score_results r JOIN score_runs s ON s.id = r.run_id
  LEFT JOIN members m ON m.id = r.member_id LEFT JOIN organizations o ON o.id = r.org_id
  WHERE s.published ORDER BY r.id;
"""


def measure(cmd, stdin=None):
    """Wall time, CPU time (user + sys) and peak RSS (MB) of one child."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=null, stderr=null,  # xmllint --schema: "… validates"
                            stdin=subprocess.PIPE if stdin else None)
    if stdin:
        proc.stdin.write(stdin)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"{cmd} failed: {status}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def best(cmd, stdin=None, runs=3, before=None):
    """Best wall and CPU time of @runs (the machine is shared: CPU time is the steadier
    figure when other work competes for the cores), and the largest peak RSS."""
    walls, cpus, rss = [], [], 0
    for i in range(runs):
        if before:
            before(i)
        w, c, r = measure(cmd(i) if callable(cmd) else cmd, stdin)
        walls.append(w)
        cpus.append(c)
        rss = max(rss, r)
    return min(walls), min(cpus), rss


with tempfile.TemporaryDirectory() as work:
    csv = os.path.join(work, "roster.csv")
    town = os.path.join(work, "town.db")
    pkg = os.path.join(work, "full.xml")
    subprocess.run([sys.executable, os.path.join(here, "make-roster.py"), str(members), "1", csv],
                   check=True)
    subprocess.run([cli, "--db", town, "demo", "--code", "330822101"], check=True, stdout=null)
    subprocess.run([cli, "--db", town, "import-roster", "--valid-only", csv], check=True,
                   stdout=null, stderr=null)
    subprocess.run([cli, "--db", town, "keys", "generate"], check=True, stdout=null)
    subprocess.run([cli, "--db", town, "keys", "export", "--out", os.path.join(work, "t.pem")],
                   check=True, stdout=null)
    n_members = int(subprocess.run(["sqlite3", town, "SELECT count(*) FROM members"],
                                   capture_output=True, text=True, check=True).stdout)

    export_floor = best(["sqlite3", "-csv", town], stdin=FLOOR_SQL.encode())
    export = best([cli, "--db", town, "export", "--kind", "full", "--out", pkg])
    size_mb = os.path.getsize(pkg) / 1e6
    import_floor = best(["xmllint", "--stream", "--noout", pkg])
    # For context: streaming XSD validation alone, which the import also does.
    schema_floor = best(["xmllint", "--stream", "--noout", "--schema",
                         os.path.join(here, "..", "..", "data", "guatu-exchange-1.xsd"), pkg])

    def fresh_county(i):
        county = os.path.join(work, f"county{i}.db")
        subprocess.run([cli, "--db", county, "init", "--role", "county", "--code", "330822"],
                       check=True, stdout=null)
        subprocess.run([cli, "--db", county, "keys", "trust", os.path.join(work, "t.pem"),
                        "--code", "330822101"], check=True, stdout=null)

    imported = best(lambda i: [cli, "--db", os.path.join(work, f"county{i}.db"), "import", pkg],
                    before=fresh_county)
    got = subprocess.run(["sqlite3", os.path.join(work, "county0.db"), "SELECT count(*) FROM"
                          " ex_records WHERE type = 'member'"], capture_output=True,
                         text=True).stdout
    assert int(got) == n_members, (got, n_members)
    rss = imported[2]
    # For context: storing the same rows with nothing else — one bare table without any
    # index, one transaction, in WAL like Guatu's databases — the least any durable import of
    # them costs on this machine.
    bare_db = os.path.join(work, "bare.db")

    def fresh_bare(i):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(bare_db + suffix):
                os.remove(bare_db + suffix)
        subprocess.run(["sqlite3", bare_db, "PRAGMA journal_mode = WAL;"
                        " CREATE TABLE r (source_code, type, uuid, rev, mtime, deleted,"
                        " parent_uuid, data, package_uuid);"], check=True, stdout=null)

    bare_sql = (f"ATTACH '{os.path.join(work, 'county0.db')}' AS c; BEGIN;"
                " INSERT INTO r SELECT source_code, type, uuid, rev, mtime, deleted, parent_uuid,"
                " data, package_uuid FROM c.ex_records ORDER BY id; COMMIT;")
    bare_insert = best(["sqlite3", bare_db, bare_sql], before=fresh_bare)

def row(name, m, f, target):
    return {"seconds": m[0], "floor_seconds": f[0], "ratio": m[0] / f[0],
            "cpu_seconds": m[1], "floor_cpu_seconds": f[1], "cpu_ratio": m[1] / max(f[1], 1e-3),
            "target": target}


result = {"members": n_members, "package_mb": round(size_mb, 1),
          "export": dict(row("export", export, export_floor, 2.0), peak_rss_mb=export[2]),
          "import": dict(row("import", imported, import_floor, 2.5), peak_rss_mb=rss,
                         bare_insert_seconds=bare_insert[0],
                         bare_insert_cpu_seconds=bare_insert[1],
                         xmllint_schema_seconds=schema_floor[0],
                         xmllint_schema_cpu_seconds=schema_floor[1])}
print(f"{'operation':<16} {'members':>8} {'wall':>8} {'floor':>8} {'ratio':>6}"
      f" {'cpu':>8} {'floor':>8} {'ratio':>6} {'target':>6}")
for name, key in (("export (full)", "export"), ("import (full)", "import")):
    r = result[key]
    print(f"{name:<16} {n_members:>8} {r['seconds']:>7.2f}s {r['floor_seconds']:>7.2f}s"
          f" {r['ratio']:>5.2f}× {r['cpu_seconds']:>7.2f}s {r['floor_cpu_seconds']:>7.2f}s"
          f" {r['cpu_ratio']:>5.2f}× {r['target']:>5}×")
print(f"xmllint --stream --schema alone: {schema_floor[0]:.2f}s wall, {schema_floor[1]:.2f}s cpu"
      f" ({schema_floor[1] / max(import_floor[1], 1e-3):.2f}× the plain stream)")
print(f"the same rows into one bare table with sqlite3 alone: {bare_insert[0]:.2f}s wall"
      f" ({bare_insert[0] / import_floor[0]:.2f}× the floor), {bare_insert[1]:.2f}s cpu")
print(f"peak RSS of the import: {rss} MB, of the export: {export[2]} MB (target < 150 MB);"
      f" package {size_mb:.1f} MB")
with open(out, "w") as f:
    json.dump(result, f, indent=2)
if "--check" in sys.argv:
    bad = (result["export"]["cpu_ratio"] > 2.0 or result["import"]["cpu_ratio"] > 2.5
           or rss >= 150 or export[2] >= 150)
    sys.exit(1 if bad else 0)
