#!/usr/bin/env python3
"""Privacy end to end (issue 9): with every debug message switched on (G_MESSAGES_DEBUG=all)
no ID number or phone number of the demo ever reaches the log (stderr); lists and default
exports mask them; the database, its backups and every file Guatu writes — roster CSV and
Excel, exchange package, public key, heart-link card PDF, reports, audit export — are created
0600 (owner only), whatever the umask.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import os
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import check, finish, query, run  # noqa: E402

DEBUG = {"G_MESSAGES_DEBUG": "all"}


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


os.umask(0o022)  # a usual umask: Guatu must not rely on a strict one
with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "guatu.db")
    r = run("--db", db, "demo", env=DEBUG)
    check("demo", r.returncode == 0, r.stderr)
    secrets = [row[0] for row in query(db, "SELECT id_number FROM members WHERE id_number"
                                           " IS NOT NULL")]
    secrets += [row[0] for row in query(db, "SELECT phone FROM members WHERE phone IS NOT NULL"
                                            " AND length (phone) >= 11")]
    check(f"the demo has personal numbers to guard ({len(secrets)})", len(secrets) > 300,
          len(secrets))
    member_id = str(query(db, "SELECT id FROM members ORDER BY id LIMIT 1")[0][0])

    out = lambda name: os.path.join(tmp, name)  # noqa: E731
    commands = [
        ("search", ["search", "姜"]),
        ("member show", ["member", "show", member_id]),
        ("stats", ["stats"]),
        ("export-roster CSV", ["export-roster", "--out", out("roster.csv")]),
        ("export-roster Excel", ["export-roster", "--out", out("roster.xlsx")]),
        ("backup", ["backup", "--out", out("copy.guatu-backup")]),
        ("keys generate", ["keys", "generate"]),
        ("keys export", ["keys", "export", "--out", out("office.pem")]),
        ("exchange export", ["export", "--kind", "report", "--to", "330822", "--mask",
                             "--out", out("report.xml")]),
        ("card", ["card", member_id, "--out", out("card.pdf")]),
        ("audit export", ["audit", "export", "--out", out("audit.csv")]),
        ("check", ["check"]),
    ]
    log = ""
    for name, argv in commands:
        r = run("--db", db, *argv, env=DEBUG)
        check(f"{name}: exit 0", r.returncode == 0, f"{r.returncode}: {r.stderr}")
        log += r.stderr
        if name in ("search", "member show"):
            leaked = [s for s in secrets if s in r.stdout]
            check(f"{name}: ID and phone numbers masked on screen", not leaked, leaked[:3])
    leaked = [s for s in secrets if s in log]
    check(f"no ID or phone number in {len(log.splitlines())} lines of debug log", not leaked,
          leaked[:3])
    with open(out("roster.csv"), encoding="utf-8-sig") as f:
        text = f.read()
    check("the default roster export masks ID and phone numbers",
          not [s for s in secrets if s in text])
    with open(out("report.xml"), encoding="utf-8") as f:
        text = f.read()
    check("a masked exchange package holds no ID or phone number",
          not [s for s in secrets if s in text])

    files = [db] + [out(n) for n in ("roster.csv", "roster.xlsx", "copy.guatu-backup",
                                     "report.xml", "office.pem", "card.pdf", "audit.csv")]
    backups = os.path.join(tmp, "backups")
    if os.path.isdir(backups):
        files += [os.path.join(backups, n) for n in os.listdir(backups)]
    for path in files:
        check(f"{os.path.relpath(path, tmp)} is created 0600",
              os.path.exists(path) and mode(path) == 0o600,
              oct(mode(path)) if os.path.exists(path) else "missing")

finish()
