#!/usr/bin/env python3
"""guatu-cli init with an office name and code: the code is checked like in the first-run
dialog (6 digits for a county, 6 or 9 for a township), a wrong one is a usage error that
creates no file, a right one is stored with the name trimmed.

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import check, finish, query, run  # noqa: E402

with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "county.db")
    r = run("--db", db, "init", "--role", "county", "--office-name", "常山县委组织部",
            "--office-code", "330822105")
    check("a 9-digit code for a county is a usage error (2)", r.returncode == 2, r.stderr)
    check("the message names the code", "330822105" in r.stderr, r.stderr)
    check("no file is created", not os.path.exists(db))

    r = run("--db", db, "init", "--role", "county", "--office-code", "33082A")
    check("a code with a letter is a usage error", r.returncode == 2, r.stderr)
    r = run("--db", db, "init", "--office-name", "   ")
    check("an empty office name is a usage error", r.returncode == 2, r.stderr)
    check("still no file", not os.path.exists(db))

    r = run("--db", db, "init", "--role", "county", "--office-name", " 常山县委组织部 ",
            "--office-code", "330822")
    check("init with a 6-digit county code succeeds", r.returncode == 0, r.stderr)
    meta = dict(query(db, "SELECT key, value FROM meta WHERE key IN "
                          "('role', 'office_name', 'office_code')"))
    check("role, trimmed name and code are stored",
          meta == {"role": "county", "office_name": "常山县委组织部", "office_code": "330822"},
          repr(meta))

    town = os.path.join(tmp, "town.db")
    r = run("--db", town, "init", "--office-code", "330822105")
    check("a township takes a 9-digit code", r.returncode == 0, r.stderr)
    r = run("--db", os.path.join(tmp, "zh.db"), "init", "--office-code", "12",
            env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
    check("the refusal is in Chinese under zh_CN", "行政区划代码" in r.stderr, r.stderr)

finish()
