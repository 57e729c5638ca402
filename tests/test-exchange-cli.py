#!/usr/bin/env python3
"""guatu-cli keys, export, import and verify end to end: a dozen demo townships report to one
county; every exported file validates against data/guatu-exchange-1.xsd (xmllint) and its
signature checks by hand with openssl; re-import is a no-op; every bad package is refused
with exit 65, a reason, and the county database unchanged (sqlite3 .dump before and after).

Run by meson with the path of the guatu-cli binary as the first argument. Prints TAP.
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taptest import check, finish, json_of, query, run  # noqa: E402

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XSD = os.path.join(SRC, "data", "guatu-exchange-1.xsd")
COUNTY = "330822"
TOWNSHIPS = [(f"330822{100 + i}", f"乡镇{i:02d}") for i in range(1, 13)]
STARRED = TOWNSHIPS[2][0]  # the township that publishes its member stars before reporting
# What a report of 2026-11 carries of organisational life, dues, points and ratings.
LIFE_BODIES = {
    "meetings": "SELECT count(*) FROM meetings WHERE date >= '2026'",
    "dues-payments": "SELECT count(*) FROM dues_payments WHERE month >= '2026'",
    "points": "SELECT count(*) FROM score_points WHERE month >= '2026'",
    "ratings": "SELECT count(*) FROM score_results r JOIN score_runs s ON s.id = r.run_id"
               " WHERE s.published AND s.period >= '2026'",
}
LIFE_TYPES = {"meetings": "meeting", "dues-payments": "dues-payment", "points": "point",
              "ratings": "rating"}


def dump(db):
    """The whole database as SQL text (sqlite3 .dump)."""
    return subprocess.run(["sqlite3", db, ".dump"], capture_output=True, text=True,
                          check=True).stdout


def ok(name, r):
    check(f"{name}: exit 0", r.returncode == 0, f"{r.returncode}: {r.stderr}")
    return r


def refused(name, db, path, part):
    before = dump(db)
    r = run("--db", db, "import", path)
    check(f"{name}: exit 65", r.returncode == 65, f"{r.returncode}: {r.stderr}")
    check(f"{name}: says “{part}”", part in r.stderr, r.stderr)
    check(f"{name}: database unchanged (.dump)", dump(db) == before)
    r = run("--db", db, "verify", path)
    check(f"{name}: verify exits 65", r.returncode == 65, f"{r.returncode}: {r.stderr}")


def xsd_valid(name, path):
    r = subprocess.run(["xmllint", "--noout", "--schema", XSD, path], capture_output=True,
                       text=True)
    check(f"{name}: valid against the XSD (xmllint)", r.returncode == 0, r.stderr)


def resign(path, body, key_db, out):
    """@body signed by the key of @key_db (openssl, from the private key in the database)."""
    pem = query(key_db, "SELECT private_pem, fingerprint FROM ex_office_key")[0]
    keyfile = out + ".key"
    with open(keyfile, "w") as f:
        f.write(pem[0])
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", keyfile], input=body,
                         capture_output=True, check=True).stdout
    line = (f'<?guatu-signature alg="ecdsa-p256-sha256" key="{pem[1]}" '
            f'value="{base64.b64encode(sig).decode()}"?>\n').encode()
    with open(out, "wb") as f:
        f.write(body + line)
    return out


def ranking_split(places, top):
    """How many townships the top and bottom lists hold: the better half at most, and a list
    that would end inside a group of equals (one place) takes the whole group."""
    n = len(places)
    t = min(top, (n + 1) // 2)
    while 0 < t < n and places[t] == places[t - 1]:
        t += 1
    b = min(top, n - t)
    while 0 < b and t + b < n and places[n - b - 1] == places[n - b]:
        b += 1
    return t, b


def expected_ranking_lines(ranking, top):
    """The "Top P: CODE" and "Bottom P: CODE" lines `county summary` prints for a JSON
    ranking: places from the top, and from the bottom for the bottom list (equals share)."""
    places = [x["place"] for x in ranking]
    n = len(places)
    t, b = ranking_split(places, top)
    lines = [f"Top {places[i]}: {ranking[i]['code']}" for i in range(t)]
    for i in range(b):
        at = n - 1 - i
        last = at
        while last + 1 < n and places[last + 1] == places[at]:
            last += 1
        lines.append(f"Bottom {n - last}: {ranking[at]['code']}")
    return lines


def ranking_lines(stdout):
    return [" ".join(line.split()[:3]) for line in stdout.splitlines()
            if line.startswith("Top ") or line.startswith("Bottom ")]


with tempfile.TemporaryDirectory() as tmp:
    county = os.path.join(tmp, "county.db")
    ok("init --role county", run("--db", county, "init", "--role", "county", "--code", COUNTY,
                                 "--name", "常山县"))
    check("county role and code stored",
          query(county, "SELECT value FROM meta WHERE key IN ('role', 'office_code')"
                        " ORDER BY key") == [("330822",), ("county",)])
    ok("county keys generate", run("--db", county, "keys", "generate"))
    county_pem = os.path.join(tmp, "county.pem")
    ok("county keys export", run("--db", county, "keys", "export", "--out", county_pem))

    r = run("--db", county, "export", "--kind", "report", "--out", os.path.join(tmp, "x.xml"))
    check("export without a receiver code is refused", r.returncode == 65
          and "--to" in r.stderr, r.stderr)

    packages = []
    for code, name in TOWNSHIPS:
        db = os.path.join(tmp, f"{code}.db")
        ok(f"demo {code}", run("--db", db, "demo", "--code", code, "--name", name))
        top = query(db, "SELECT name, code FROM organizations WHERE parent_id IS NULL")
        check(f"demo {code}: its committee is {name}, the codes follow the office's",
              top == [(name, code + "000")]
              and query(db, "SELECT count(*) FROM organizations WHERE code NOT LIKE ?",
                        code + "%") == [(0,)], f"{top}")
        ok(f"{code} keys generate", run("--db", db, "keys", "generate"))
        pem = os.path.join(tmp, f"{code}.pem")
        r = ok(f"{code} keys export", run("--db", db, "keys", "export", "--out", pem))
        fp = r.stdout.strip().split("fingerprint ")[-1]
        r = ok(f"county trusts {code}", run("--db", county, "keys", "trust", pem, "--code",
                                            code, "--name", name, "--fingerprint", fp))
        run("--db", db, "keys", "trust", county_pem, "--code", COUNTY, "--name", "常山县")
        if code == STARRED:
            ok(f"{code} stars 2026", run("--db", db, "stars", "--year", "2026"))
            ok(f"{code} publish stars", run("--db", db, "publish", "stars", "--period", "2026"))
        out = os.path.join(tmp, f"report-{code}.xml")
        r = ok(f"{code} export", run("--db", db, "export", "--kind", "report", "--period",
                                     "2026-11", "--out", out, "--json"))
        info = json_of(r) or {}
        with open(out, "rb") as f:
            data = f.read()
        check(f"{code} export: size and SHA-256 reported",
              info.get("size") == len(data)
              and info.get("sha256") == hashlib.sha256(data).hexdigest(), r.stdout)
        check(f"{code} export: addressed to the county", info.get("receiver") == COUNTY, r.stdout)
        if code in (TOWNSHIPS[0][0], STARRED):
            for body, sql in LIFE_BODIES.items():
                n = query(db, sql)[0][0]
                check(f"{code} export: {n} {body}", n > 0 and
                      info.get("counts", {}).get(body) == n, r.stdout)
        packages.append((code, db, out))

    # One package checked in every way by hand.
    code, db, out = packages[0]
    xsd_valid("report", out)
    with open(out, "rb") as f:
        data = f.read()
    body, last = data[:data.rstrip(b"\n").rfind(b"\n") + 1], data[data.rstrip(b"\n").rfind(b"\n") + 1:]
    check("last line is the signature", last.startswith(b"<?guatu-signature alg=\"ecdsa-p256-sha256\""),
          last[:80])
    sig = base64.b64decode(last.split(b'value="')[1].split(b'"')[0])
    with open(os.path.join(tmp, "body.xml"), "wb") as f:
        f.write(body)
    with open(os.path.join(tmp, "sig.der"), "wb") as f:
        f.write(sig)
    r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", os.path.join(tmp, f"{code}.pem"),
                        "-signature", os.path.join(tmp, "sig.der"), os.path.join(tmp, "body.xml")],
                       capture_output=True, text=True)
    check("openssl dgst -verify accepts the signature", r.returncode == 0
          and "Verified OK" in r.stdout, r.stdout + r.stderr)
    r = ok("verify", run("--db", county, "verify", out, "--json"))
    v = json_of(r) or {}
    check("verify --json: sender, kind, counts", v.get("sender") == code and v.get("kind") ==
          "report" and v.get("counts", {}).get("members", {}).get("total") == 215, r.stdout)

    # Masked export validates too and carries no full ID number.
    masked = os.path.join(tmp, "masked.xml")
    ok("export --mask", run("--db", db, "export", "--kind", "full", "--mask", "--out", masked))
    xsd_valid("masked full export", masked)
    ids = [r[0] for r in query(db, "SELECT id_number FROM members WHERE id_number IS NOT NULL")]
    with open(masked, encoding="utf-8") as f:
        text = f.read()
    check("masked export: no ID number in clear", ids and not any(i in text for i in ids))
    check("masked export: header says so", 'masked="1"' in text)

    # Dry run changes nothing; then a dozen townships import.
    before = dump(county)
    r = ok("import --dry-run", run("--db", county, "import", "--dry-run", "--json", out))
    j = json_of(r) or {}
    check("dry run: preview counts", j.get("status") == "preview" and
          j.get("counts", {}).get("members", {}).get("new") == 215, r.stdout)
    check("dry run: database unchanged", dump(county) == before)

    r = ok("import a dozen townships", run("--db", county, "import", "--json",
                                           *[p[2] for p in packages]))
    lines = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    check("import: one JSON line per package, all imported", len(lines) == 12 and
          all(l["status"] == "imported" for l in lines), r.stdout[:500])
    check("import: 12 × 215 members received",
          query(county, "SELECT count(*) FROM ex_records WHERE type = 'member'") == [(12 * 215,)])
    for body, sql in LIFE_BODIES.items():
        n = sum(query(p[1], sql)[0][0] for p in packages)
        check(f"import: {n} {body} received from the dozen",
              query(county, f"SELECT count(*) FROM ex_records WHERE type = '{LIFE_TYPES[body]}'")
              == [(n,)])
    check("import: the report counts its meetings",
          query(county, f"SELECT meetings FROM ex_reports WHERE sender_code = '{STARRED}'")
          == query(packages[2][1], LIFE_BODIES["meetings"]))
    check("import: 12 reports for 2026-11",
          query(county, "SELECT count(DISTINCT sender_code) FROM ex_reports"
                        " WHERE period = '2026-11'") == [(12,)])
    check("import: an automatic backup before each",
          len([f for f in os.listdir(os.path.join(tmp, "backups")) if "import" in f]) >= 10)

    # Re-import: a no-op that says when.
    before = dump(county)
    r = ok("re-import", run("--db", county, "import", out))
    check("re-import: says already imported", "already imported on" in r.stdout, r.stdout)
    check("re-import: database unchanged", dump(county) == before)

    # Bad packages.
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x20
    p = os.path.join(tmp, "flipped.xml")
    open(p, "wb").write(flipped)
    refused("flipped byte", county, p, "changed or damaged")
    p = os.path.join(tmp, "truncated.xml")
    open(p, "wb").write(data[: len(data) * 2 // 3])
    refused("truncated", county, p, "the file is incomplete")

    stranger = os.path.join(tmp, "stranger.db")
    run("--db", stranger, "demo", "--code", "330822199", "--name", "陌生")
    run("--db", stranger, "keys", "generate")
    p = os.path.join(tmp, "stranger.xml")
    ok("untrusted township exports", run("--db", stranger, "export", "--out", p))
    xsd_valid("untrusted township's report", p)
    refused("untrusted key", county, p, "trust list")
    r = run("--db", county, "verify", p)
    check("untrusted key: the refusal names the claimed sender, marked as claimed",
          "claims to come from " in r.stderr and "(330822199) (claimed, not verified)" in r.stderr,
          r.stderr)
    r = run("--db", county, "import", "--json", p)
    j = json.loads(r.stdout)
    check("untrusted key, --json: rejected (not conflicts), the claimed sender given",
          j["status"] == "rejected" and j["sender"] == "330822199", r.stdout)
    r = run("--db", county, "import", p)
    check("untrusted key: no counts read from the unverified file", "members" not in r.stdout,
          r.stdout)

    p = os.path.join(tmp, "elsewhere.xml")
    ok("export --to another county", run("--db", db, "export", "--to", "330803", "--out", p))
    refused("addressed to another office", county, p, "not to this office")

    # A fresh package (not imported yet), changed and signed again with the township's key.
    fresh = os.path.join(tmp, "fresh.xml")
    ok("fresh export", run("--db", db, "export", "--out", fresh))
    with open(fresh, "rb") as f:
        fdata = f.read()
    body = fdata[:fdata.rstrip(b"\n").rfind(b"\n") + 1]
    xxe = body.replace(b"<package ", b"<!DOCTYPE package [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<package ", 1)
    refused("DOCTYPE with XXE", county, resign(out, xxe, db, os.path.join(tmp, "xxe.xml")), "DOCTYPE")
    laughs = body.replace(b"<package ", b"<!DOCTYPE package [<!ENTITY a \"aaaaaaaaaa\">"
                          b"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                          b"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<package ", 1)
    refused("billion laughs", county, resign(out, laughs, db, os.path.join(tmp, "laughs.xml")), "DOCTYPE")
    fewer = body.replace(b'members="215"', b'members="214"', 1)
    # A month outside 01–12 is no period: not exported, and refused by the XSD on import.
    for bad in ("2026-13", "2026-00"):
        bad_out = os.path.join(tmp, f"period-{bad}.xml")
        r = run("--db", db, "export", "--period", bad, "--out", bad_out)
        check(f"export --period {bad}: exit 65", r.returncode == 65, f"{r.returncode}: {r.stderr}")
        check(f"export --period {bad}: says the month must be 01 to 12",
              bad in r.stderr and "01 to 12" in r.stderr, r.stderr)
        check(f"export --period {bad}: no package written", not os.path.exists(bad_out))
    # A period that has not begun (next year, made today) is not reported either.
    import datetime
    next_year = str(datetime.date.today().year + 1)
    for future in (next_year + "-06", next_year, next_year + "-Q1"):
        future_out = os.path.join(tmp, f"period-{future}.xml")
        r = run("--db", db, "export", "--period", future, "--out", future_out)
        check(f"export --period {future}: exit 65, has not begun",
              r.returncode == 65 and "has not begun" in r.stderr, f"{r.returncode}: {r.stderr}")
        check(f"export --period {future}: no package written", not os.path.exists(future_out))
    thirteen = re.sub(rb'(<header [^>]*period=")[^"]*"', rb'\g<1>2026-13"', body, count=1)
    check("a header with period 2026-13 was made", b'period="2026-13"' in thirteen)
    refused("period 2026-13", county,
            resign(out, thirteen, db, os.path.join(tmp, "thirteen.xml")), "2026-13")
    refused("more records than the header says", county,
            resign(out, fewer, db, os.path.join(tmp, "more.xml")), "more members than the 214")

    # A revision beyond any count (strtoll would clamp it to 2^63 − 1): refused naming line
    # and attribute, as the XSD refuses it.
    huge = re.sub(rb'(<organization [^>]*rev=")[0-9]+"', rb'\g<1>99999999999999999999999"', body,
                  count=1)
    huge_line = huge[:huge.find(b'99999999999999999999999')].count(b"\n") + 1
    p = resign(out, huge, db, os.path.join(tmp, "huge-rev.xml"))
    refused("rev 99999999999999999999999", county, p, f"huge-rev.xml:{huge_line}:")
    r = run("--db", county, "verify", p)
    check("rev 99999999999999999999999: names the attribute", "“Revision” (rev)" in r.stderr,
          r.stderr)
    r = subprocess.run(["xmllint", "--noout", "--schema", XSD, p], capture_output=True)
    check("rev 99999999999999999999999: the XSD refuses it too", r.returncode != 0, r.stderr)

    # What follows the signature line: white space an editor or a copy adds is harmless (the
    # same package, same SHA-256); zero bytes or text are refused, saying how many bytes.
    signed = resign(out, body, db, os.path.join(tmp, "signed.xml"))
    with open(signed, "rb") as f:
        sdata = f.read()
    sha = json_of(run("--db", county, "verify", signed, "--json")) or {}
    check("the signed package verifies", len(sha.get("sha256", "")) == 64, str(sha))
    for label, tail in (("blank lines", b"\n\n\n"), ("a space on the next line", b"\n "),
                        ("a space before the line end", b" \n"),
                        ("CRLF and spaces", b"\r\n  \t\n")):
        p = os.path.join(tmp, "tail.xml")
        with open(p, "wb") as f:
            f.write(sdata.rstrip(b"\n") + tail)
        r = run("--db", county, "verify", p, "--json")
        check(f"signature line then {label}: valid", r.returncode == 0, r.stderr)
        check(f"signature line then {label}: the same SHA-256",
              (json_of(r) or {}).get("sha256") == sha.get("sha256"), r.stdout)
    for label, tail, part in (("4096 zero bytes", b"\0" * 4096,
                               "4096 zero bytes after the signature line"),
                              ("garbage", b"garbage\n", "8 bytes after the signature line")):
        p = os.path.join(tmp, "tail.xml")
        with open(p, "wb") as f:
            f.write(sdata + tail)
        refused(f"signature line then {label}", county, p, part)
        r = run("--db", county, "verify", p)
        check(f"signature line then {label}: not called cut off", "incomplete" not in r.stderr,
              r.stderr)

    # Packages go one way: a township's report relabelled a dispatch is refused by the county,
    # and a township exports no dispatch.
    relabelled = body.replace(b'kind="report"', b'kind="dispatch"', 1)
    refused("a township's package of kind dispatch", county,
            resign(out, relabelled, db, os.path.join(tmp, "relabelled.xml")),
            "a county takes reports")
    p = os.path.join(tmp, "town-dispatch.xml")
    r = run("--db", db, "export", "--kind", "dispatch", "--out", p)
    check("export --kind dispatch in a township: exit 65, only a county",
          r.returncode == 65 and "only a county" in r.stderr, f"{r.returncode}: {r.stderr}")
    check("export --kind dispatch in a township: nothing written", not os.path.exists(p))

    # A FIFO as input is refused at once (exit 66), not waited on.
    fifo = os.path.join(tmp, "fifo")
    os.mkfifo(fifo)
    for args in (("verify", fifo), ("import", fifo), ("import-roster", fifo),
                 ("restore", fifo)):
        target = db if args[0] == "import-roster" else county
        try:
            r = run("--db", target, *args, timeout=20)
            check(f"{args[0]} FIFO: exit 66, not a regular file", r.returncode == 66
                  and "not a regular file" in r.stderr, f"{r.returncode}: {r.stderr}")
        except subprocess.TimeoutExpired:
            check(f"{args[0]} FIFO: exit 66, not a regular file", False, "hangs")

    # An office code goes into packages and file names: anything but the XSD's g:code is
    # refused where it enters, naming it.
    before = dump(county)
    r = run("--db", county, "keys", "trust", county_pem, "--code", "abc/../x", "--name", "<b>")
    check("keys trust --code abc/../x: usage error naming the code",
          r.returncode == 2 and "abc/../x" in r.stderr, f"{r.returncode}: {r.stderr}")
    check("keys trust --code abc/../x: nothing trusted", dump(county) == before)
    r = run("--db", db, "export", "--to", "a/b", "--out", os.path.join(tmp, "to.xml"))
    check("export --to a/b: usage error naming the code", r.returncode == 2 and "a/b" in r.stderr
          and not os.path.exists(os.path.join(tmp, "to.xml")), f"{r.returncode}: {r.stderr}")
    r = run("--db", county, "county", "dispatch", "--title", "x", "--to", "../x", "--out-dir", tmp)
    check("county dispatch --to ../x: usage error naming the code",
          r.returncode == 2 and "../x" in r.stderr and dump(county) == before,
          f"{r.returncode}: {r.stderr}")
    bad_demo = os.path.join(tmp, "bad-demo.db")
    r = run("--db", bad_demo, "demo", "--code", "abc/../x")
    check("demo --code abc/../x: usage error, no database", r.returncode == 2
          and "abc/../x" in r.stderr and not os.path.exists(bad_demo), f"{r.returncode}: {r.stderr}")

    # A newer report from one township updates; the older one then conflicts.
    subprocess.run(["sqlite3", db, "UPDATE members SET name = '新名字', rev = rev + 1 WHERE id = 3"],
                   check=True)
    newer = os.path.join(tmp, "newer.xml")
    ok("newer report", run("--db", db, "export", "--period", "2026-12", "--out", newer))
    r = ok("import the newer report", run("--db", county, "import", "--json", newer))
    j = json_of(r) or {}
    check("newer report: one member updated, the rest unchanged",
          j.get("counts", {}).get("members", {}).get("updated") == 1 and
          j.get("counts", {}).get("members", {}).get("unchanged") == 214, r.stdout)

    other_code, other_db, other_out = packages[1]
    subprocess.run(["sqlite3", other_db, "UPDATE members SET name = '甲', rev = rev + 1 WHERE id = 3"],
                   check=True)
    first = os.path.join(tmp, "first.xml")
    ok("report A", run("--db", other_db, "export", "--period", "2026-12", "--out", first))
    subprocess.run(["sqlite3", other_db, "UPDATE members SET name = '乙', rev = rev + 1 WHERE id = 3"],
                   check=True)
    second = os.path.join(tmp, "second.xml")
    ok("report B", run("--db", other_db, "export", "--period", "2026-12", "--out", second))
    ok("import B first", run("--db", county, "import", second))
    before = dump(county)
    r = run("--db", county, "import", "--json", first)
    j = json_of(r) or {}
    check("older report: refused with the conflict shown", r.returncode == 65
          and j.get("status") == "conflicts" and j.get("conflicts") == 1
          and "乙" in j.get("conflict_details", [{}])[0].get("local", ""), r.stdout + r.stderr)
    check("older report: database unchanged", dump(county) == before)
    r = ok("older report --keep-local", run("--db", county, "import", "--keep-local", first))
    check("keep-local: the newer name stays",
          query(county, "SELECT count(*) FROM ex_records WHERE json_extract (data, '$.name')"
                        " = '乙'") == [(1,)])

    # A changed meeting updates; an older revision of it then conflicts.
    m_code, m_db, _ = packages[3]
    n_meetings = query(m_db, LIFE_BODIES["meetings"])[0][0]
    topic = "UPDATE meetings SET topic = '{}', rev = rev + 1, mtime = '{}' WHERE id = (SELECT" \
            " min (id) FROM meetings WHERE date >= '2026')"
    subprocess.run(["sqlite3", m_db, topic.format("改一次", "2026-12-01T08:00:00Z")], check=True)
    m1 = os.path.join(tmp, "meeting-1.xml")
    ok("report with a changed meeting", run("--db", m_db, "export", "--period", "2026-12",
                                            "--out", m1))
    subprocess.run(["sqlite3", m_db, topic.format("改两次", "2026-12-02T08:00:00Z")], check=True)
    m2 = os.path.join(tmp, "meeting-2.xml")
    ok("report with the meeting changed again", run("--db", m_db, "export", "--period",
                                                    "2026-12", "--out", m2))
    xsd_valid("report with changed meetings", m2)
    r = ok("import the newest meeting", run("--db", county, "import", "--json", m2))
    j = (json_of(r) or {}).get("counts", {}).get("meetings", {})
    check("changed meeting: one updated, the rest unchanged",
          j.get("updated") == 1 and j.get("unchanged") == n_meetings - 1, r.stdout)
    check("changed meeting: the county has the new topic",
          query(county, "SELECT count(*) FROM ex_records WHERE type = 'meeting'"
                        " AND json_extract (data, '$.topic') = '改两次'") == [(1,)])
    before = dump(county)
    r = run("--db", county, "import", "--json", m1)
    j = json_of(r) or {}
    check("older meeting revision: refused as a conflict", r.returncode == 65
          and j.get("status") == "conflicts" and j.get("conflicts") == 1
          and j.get("counts", {}).get("meetings", {}).get("conflicting") == 1,
          r.stdout + r.stderr)
    check("older meeting revision: database unchanged", dump(county) == before)
    r = ok("re-import the newest meeting", run("--db", county, "import", m2))
    check("re-import of the meeting: no-op", dump(county) == before
          and "already imported on" in r.stdout, r.stdout)
    # The township removes that meeting: its next report deletes it at the county, and the
    # summary says "deleted", not "updated".
    gone = query(m_db, "SELECT id FROM meetings WHERE topic = '改两次'")[0][0]
    ok("remove the meeting", run("--db", m_db, "meetings", "remove", str(gone)))
    m3 = os.path.join(tmp, "meeting-3.xml")
    ok("report after the removal", run("--db", m_db, "export", "--period", "2026-12",
                                       "--out", m3))
    r = ok("import the removal", run("--db", county, "import", m3))
    check("removal: the deletions line says deleted",
          re.search(r"tombstones +1: 1 deleted, 0 already deleted, 0 not held here, 0 conflicting",
                    r.stdout) is not None, r.stdout)
    check("removal: the county's copy is deleted",
          query(county, "SELECT deleted FROM ex_records WHERE type = 'meeting'"
                        " AND json_extract (data, '$.topic') = '改两次'") == [(1,)])

    # Dispatch from the county, acknowledged... (the county signs; townships trust it)
    d = os.path.join(tmp, "dispatch.xml")
    subprocess.run(["sqlite3", county, "INSERT INTO ex_tasks (uuid, mtime, kind, title,"
                    " issuer_code, issuer_name, target_code, issued_on) VALUES"
                    " ('0e0c2a7e-1111-4222-8333-444444444444', '2026-12-01T08:00:00Z', 'notice',"
                    " '年终述职', '330822', '常山县', '*', '2026-12-01')"], check=True)
    ok("dispatch export", run("--db", county, "export", "--kind", "dispatch", "--to", code,
                              "--out", d))
    xsd_valid("dispatch", d)
    ok("township imports the dispatch", run("--db", db, "import", d))
    check("township has the notice",
          query(db, "SELECT title FROM ex_tasks WHERE incoming = 1") == [("年终述职",)])

    # The county's roll-up, computed from the received records.
    active = sum(query(p[1], "SELECT count(*) FROM members WHERE status = 'active'")[0][0]
                 for p in packages)
    r = ok("county summary", run("--db", county, "county", "summary", "--period", "2026-11",
                                 "--json"))
    j = json_of(r) or {}
    check("summary: 12 townships, members as in their databases",
          j.get("townships") == 12 and j.get("members") == active, r.stdout[:300])
    check("summary: no report missing for 2026-11", j.get("missing") == [], r.stdout[:300])
    t0 = [t for t in j.get("by_township", []) if t["code"] == packages[2][0]]
    check("summary: one township's households and links",
          t0 and t0[0]["households"] == query(packages[2][1], "SELECT count(*) FROM households")[0][0]
          and t0[0]["links"] == query(packages[2][1], "SELECT count(*) FROM member_household_links")[0][0],
          str(t0))
    # Meetings, dues and stars of one township, computed here from its own database.
    s_db = packages[2][1]
    t2 = ([t for t in j.get("by_township", []) if t["code"] == STARRED] or [{}])[0]
    r2 = ok("township's own compliance grid", run("--db", s_db, "meetings", "compliance",
                                                  "--month", "2026-11", "--json"))
    items = [i for cell in (json_of(r2) or []) for i in cell["items"]]
    held = sum(1 for i in items if i["status"] == "done")
    check("summary: meetings required and held as the township's compliance grid",
          items and t2.get("meetings_required") == len(items)
          and t2.get("meetings_required_held") == held
          and t2.get("meetings_held_percent") == held * 100 // len(items), str(t2))
    check("summary: the period's meetings and attendance",
          t2.get("meetings") == query(s_db, "SELECT count(*) FROM meetings"
                                            " WHERE date LIKE '2026-11-%'")[0][0]
          and t2.get("meeting_attendance_present") == query(
              s_db, "SELECT count(*) FROM meeting_attendance a JOIN meetings m"
                    " ON m.id = a.meeting_id WHERE m.date LIKE '2026-11-%' AND a.present")[0][0],
          str(t2))
    active2, paid2, fen2 = query(s_db, "SELECT count(*), sum (EXISTS (SELECT 1 FROM dues_payments"
                                       " p WHERE p.member_id = m.id AND p.month = '2026-11')),"
                                       " (SELECT sum (amount_fen) FROM dues_payments"
                                       "  WHERE month = '2026-11')"
                                       " FROM members m WHERE status = 'active'")[0]
    check("summary: dues paid by active members for 2026-11",
          t2.get("dues_members") == active2 and t2.get("dues_paid_members") == paid2
          and t2.get("dues_paid_percent") == paid2 * 100 // active2
          and t2.get("dues_paid_fen") == fen2 and 0 < paid2 <= active2, str(t2))
    stars = dict(query(s_db, "SELECT r.stars, count(*) FROM score_results r JOIN score_runs s"
                             " ON s.id = r.run_id WHERE s.kind = 'stars' AND s.published"
                             " AND r.member_id IS NOT NULL GROUP BY 1"))
    by_level = [stars.get(level, 0) for level in range(6)]
    check("summary: member stars per level as published by the township",
          sum(by_level) > 100 and t2.get("member_stars") == by_level
          and t2.get("stars_period") == "2026" and t2.get("rated_members") == sum(by_level)
          and t2.get("average_stars_x100") == sum(i * n for i, n in enumerate(by_level)) * 100
          // sum(by_level), str(t2))
    unstarred = [t for t in j.get("by_township", []) if t["code"] != STARRED]
    check("summary: townships without a star rating show none, and no average (not 0)",
          all(t["rated_members"] == 0 and t["stars_period"] is None
              and t["average_stars_x100"] is None for t in unstarred), str(unstarred[:1]))
    r3 = ok("county summary ranked by average stars",
            run("--db", county, "county", "summary", "--period", "2026-11", "--rank",
                "average-stars", "--json"))
    check("summary: only a township with a star rating is ranked by stars",
          [x["code"] for x in (json_of(r3) or {}).get("ranking", [])] == [STARRED], r3.stdout[-300:])
    r3 = ok("county summary ranked by meetings held",
            run("--db", county, "county", "summary", "--period", "2026-11", "--rank",
                "meetings-held", "--json"))
    ranked = json_of(r3) or {}
    values = [x["value"] for x in ranked.get("ranking", [])]
    by_code = {t["code"]: t["meetings_held_percent"] for t in ranked.get("by_township", [])}
    check("summary: ranking by meetings held, best first",
          len(values) == 12 and values == sorted(values, reverse=True)
          and all(by_code[x["code"]] == x["value"] for x in ranked["ranking"]), str(values))
    r3 = run("--db", county, "county", "summary", "--rank", "stars")
    check("summary: an unknown metric is a usage error naming the metrics",
          r3.returncode == 2 and "average-stars" in r3.stderr, r3.stderr)

    ranking = [x["value"] for x in j.get("ranking", [])]
    check("summary: ranking sorted best first", ranking == sorted(ranking, reverse=True)
          and len(ranking) == 12, str(ranking))
    # equal values share a place (1, 2, 2, 4)
    places = [x["place"] for x in j.get("ranking", [])]
    check("summary: equal values share a place",
          places and all(places[i] == (places[i - 1] if ranking[i] == ranking[i - 1] else i + 1)
                         for i in range(1, len(places))) and places[0] == 1, str(places))
    r = ok("county summary for a month without reports",
           run("--db", county, "county", "summary", "--period", "2026-10", "--json"))
    check("summary: 12 reports missing for 2026-10", len((json_of(r) or {}).get("missing", []))
          == 12, r.stdout[:200])
    j10 = json_of(r) or {}
    check("summary for 2026-10: nobody ranked, no activity figures from newer packages",
          j10.get("ranking") == [] and j10.get("period") == "2026-10"
          and all(t["activity_period"] is None and t["meetings_required"] == 0
                  for t in j10.get("by_township", [])), r.stdout[:300])
    # Without --period: ONE period, the newest reported (2026-12, by three townships); the
    # others are missing, have no figures and are not ranked; each township listed once.
    december = sorted(query(county, "SELECT DISTINCT sender_code FROM ex_reports"
                                    " WHERE period = '2026-12'"))
    december = [c for (c,) in december]
    r = ok("county summary, default period (text)",
           run("--db", county, "county", "summary", "--top", "5"))
    listed = [line.split()[2] for line in r.stdout.splitlines()
              if line.startswith("Top ") or line.startswith("Bottom ")]
    check("summary default period: the newest reported, missing counted for it",
          len(december) == 3 and f"Missing reports 2026-12: {12 - len(december)}" in r.stdout,
          r.stdout[-900:])
    rd = json_of(run("--db", county, "county", "summary", "--json")) or {}
    check("summary default period: only its reporters ranked, each once, equals together",
          sorted(listed) == december
          and ranking_lines(r.stdout) == expected_ranking_lines(rd.get("ranking", []), 5),
          r.stdout[-900:])
    missing_rows = [line for line in r.stdout.splitlines() if line.endswith("MISSING")
                    and "2026-12" in line]
    check("summary default period: missing townships have no activity figures",
          len(missing_rows) == 12 - len(december), r.stdout[-1500:])
    r = ok("county summary, default period (json)",
           run("--db", county, "county", "summary", "--json"))
    jd = json_of(r) or {}
    check("summary default period (json): the period, the missing and the ranking agree",
          jd.get("period") == "2026-12" and len(jd.get("missing", [])) == 12 - len(december)
          and sorted(x["code"] for x in jd.get("ranking", [])) == december, r.stdout[:300])
    r = ok("county summary (text)", run("--db", county, "county", "summary", "--period",
                                        "2026-11", "--rank", "meetings-held", "--top", "2"))
    rj = json_of(run("--db", county, "county", "summary", "--period", "2026-11", "--rank",
                     "meetings-held", "--json")) or {}
    lines = ranking_lines(r.stdout)
    check("summary text: top and bottom, places as in the JSON ranking",
          any(x.startswith("Top ") for x in lines) and any(x.startswith("Bottom ") for x in lines)
          and lines == expected_ranking_lines(rj.get("ranking", []), 2), r.stdout[-900:])
    row = [line for line in r.stdout.splitlines() if line.startswith(STARRED)
           and "%" in line]
    check("summary text: meetings, dues and stars of a township",
          "Organisational life, dues and stars:" in r.stdout and row
          and f"{t2.get('dues_paid_members')}/{t2.get('dues_members')}" in row[0]
          and "/".join(str(n) for n in by_level) in row[0], r.stdout)

    # The printed county summary (A4 PDF), checked with poppler.
    pdf = os.path.join(tmp, "county.pdf")
    r = ok("county-report", run("--db", county, "county-report", "--period", "2026-11",
                                "--rank", "meetings-held", "--out", pdf))
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    check("county-report: an A4 PDF", "(A4)" in info and "Pages:" in info, info)
    text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                          text=True).stdout
    check("county-report: every township and the county named",
          all(name in text for _, name in TOWNSHIPS) and "常山县" in text, text[:400])
    listed = rj.get("ranking", [])
    n_top, n_bottom = ranking_split([x["place"] for x in listed], 5)
    listed = listed[:n_top] + (listed[-n_bottom:] if n_bottom else [])
    check("county-report: top and bottom 5, equals together, places as in the JSON",
          n_top > 0 and f"Top {n_top} by Meetings held" in text
          and (n_bottom == 0 or f"Bottom {n_bottom} by Meetings held" in text)
          and all(f"{x['place']}. " in text and x["code"] in text for x in listed),
          text[-600:])
    r = ok("county-report for a month without reports",
           run("--db", county, "county-report", "--period", "2026-10", "--out", pdf))
    text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                          text=True).stdout
    check("county-report: the missing line", "12 of 12 townships have not reported for 2026-10"
          in text.replace("\n", " "), text[-600:])
    r = run("--db", county, "county-report", "--rank", "code", "--out", pdf)
    check("county-report --rank code: usage error", r.returncode == 2 and "--rank" in r.stderr,
          r.stderr)
    r = run("--db", county, "county-report", "--period", "Nov", "--out", pdf)
    check("county-report --period Nov: usage error naming the format",
          r.returncode == 2 and "YYYY-MM" in r.stderr, r.stderr)
    r = run("--db", county, "county", "dispatch", "--title", "x", "--out-dir",
            os.path.join(tmp, "no-such-dir"))
    check("county dispatch to a missing folder: refused, nothing issued",
          r.returncode == 73 and query(county, "SELECT count(*) FROM ex_tasks WHERE title = 'x'")
          == [(0,)], r.stderr)

    # Dispatch to all townships, one acknowledges.
    ddir = os.path.join(tmp, "dispatch")
    os.mkdir(ddir)
    r = ok("county dispatch to all", run("--db", county, "county", "dispatch", "--kind", "task",
                                         "--title", "主题党日", "--due", "2026-12-20",
                                         "--out-dir", ddir))
    files = sorted(os.listdir(ddir))
    check("dispatch: one package per township", len(files) == 12, files)
    check("dispatch: “12 packages written”", "12 packages written" in r.stderr, r.stderr)
    d1dir = os.path.join(tmp, "dispatch-one")
    os.mkdir(d1dir)
    r = ok("county dispatch to one", run("--db", county, "county", "dispatch", "--kind", "notice",
                                         "--title", "通知", "--to", code, "--out-dir", d1dir))
    check("dispatch to one: “1 package written”", "1 package written" in r.stderr, r.stderr)
    r = run("--db", county, "county", "dispatch", "--title", "x", "--due", "2026-02-30",
            "--out-dir", d1dir)
    check("dispatch due 2026-02-30: refused as no such day", r.returncode != 0
          and "no such day" in r.stderr and "YYYY-MM-DD" not in r.stderr, r.stderr)
    r = ok("dispatch due in the past", run("--db", county, "county", "dispatch", "--kind",
                                           "notice", "--title", "迟到的通知", "--due",
                                           "2020-01-01", "--to", code, "--out-dir", d1dir))
    check("dispatch due in the past: a warning", "already past" in r.stderr, r.stderr)
    mine = [f for f in files if code in f][0]
    xsd_valid("dispatch to all", os.path.join(ddir, mine))
    ok("township imports its dispatch", run("--db", db, "import", os.path.join(ddir, mine)))
    task = query(db, "SELECT uuid FROM ex_tasks WHERE incoming AND title = '主题党日'")[0][0]
    ok("ack received", run("--db", db, "ack", task))
    a0 = os.path.join(tmp, "ack0.xml")
    ok("export ack (received)", run("--db", db, "export", "--kind", "ack", "--out", a0))
    ok("ack", run("--db", db, "ack", task, "--status", "done", "--note", "已完成"))
    r = run("--db", db, "ack", "00000000-0000-4000-8000-000000000000")
    check("ack of an unknown task: exit 65", r.returncode == 65, r.stderr)
    a = os.path.join(tmp, "ack.xml")
    ok("export ack", run("--db", db, "export", "--kind", "ack", "--out", a))
    xsd_valid("ack", a)
    ok("county imports the ack", run("--db", county, "import", a))
    # The older acknowledgement after the newer one: a conflict whose preview shows the
    # county's record with its status, date, office and note (it showed {}).
    r = run("--db", county, "import", a0)
    here = [line for line in r.stdout.splitlines() if line.strip().startswith("here:")]
    check("older ack: a conflict showing the local ack's data", r.returncode != 0 and here
          and '"status":"done"' in here[0] and '"text":"已完成"' in here[0]
          and f'"office-code":"{code}"' in here[0] and '"date":' in here[0], r.stdout)
    differs = [line for line in r.stdout.splitlines() if line.strip().startswith("differs:")]
    check("older ack: the fields that differ, by their labels", differs
          and "Status" in differs[0] and "Text" in differs[0] and "Revision" not in differs[0]
          and "Modified" not in differs[0], r.stdout)
    r = ok("county tasks", run("--db", county, "county", "tasks", "--json"))
    t = [x for x in (json_of(r) or []) if x["title"] == "主题党日"]
    check("county tasks: acknowledged and done by one township",
          t and t[0]["acknowledged"] == 1 and t[0]["done"] == 1, r.stdout)
    zh = {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}
    r = ok("county tasks (zh_CN)", run("--db", county, "county", "tasks", env=zh))
    row = [line for line in r.stdout.splitlines() if "主题党日" in line]
    check("county tasks (zh_CN): the kind in Chinese", row and "任务" in row[0]
          and "task" not in row[0].lower(), r.stdout)
    r = run("--db", county, "import", a0, env=zh)
    check("older ack (zh_CN): record types in Chinese", "回执" in r.stdout
          and "acks" not in r.stdout and "冲突：回执" in r.stdout, r.stdout)
    check("older ack (zh_CN): the fields that differ in Chinese", "不同：" in r.stdout
          and "状态" in r.stdout and "正文" in r.stdout, r.stdout)

    # The county withdraws 主题党日 (issued by mistake): shown withdrawn, no longer counted;
    # the next dispatch package carries it and the township's copy is marked withdrawn.
    r = run("--db", county, "county", "withdraw")
    check("county withdraw without a task: usage error", r.returncode == 2, r.stderr)
    r = run("--db", county, "county", "withdraw", "00000000-0000-4000-8000-000000000000")
    check("county withdraw of an unknown task: exit 65 naming it", r.returncode == 65
          and "00000000-0000-4000-8000-000000000000" in r.stderr, r.stderr)
    before = dump(county)
    r = run("--db", county, "county", "withdraw", task, "--date", "2026-02-30")
    check("county withdraw --date 2026-02-30: refused, nothing changed", r.returncode == 65
          and "no such day" in r.stderr and dump(county) == before, r.stderr)
    ok("county withdraw", run("--db", county, "county", "withdraw", task, "--reason",
                              "时间安排冲突，另行通知"))
    r = run("--db", county, "county", "withdraw", task)
    check("county withdraw twice: exit 65, already withdrawn", r.returncode == 65
          and "already withdrawn" in r.stderr, r.stderr)
    t = [x for x in (json_of(ok("county tasks after the withdrawal",
                                run("--db", county, "county", "tasks", "--json"))) or [])
         if x["title"] == "主题党日"]
    check("county tasks: withdrawn, with its reason, acknowledgements no longer counted",
          t and t[0]["withdrawn"] is not None and t[0]["withdrawn_reason"] == "时间安排冲突，另行通知"
          and t[0]["acknowledged"] == 0 and t[0]["done"] == 0, str(t))
    r = ok("county tasks after the withdrawal (zh_CN)", run("--db", county, "county", "tasks",
                                                            env=zh))
    row = [line for line in r.stdout.splitlines() if "主题党日" in line]
    check("county tasks (zh_CN): 撤回 shown", row and "撤回" in row[0], r.stdout)
    w = os.path.join(tmp, "withdrawn.xml")
    ok("dispatch export after the withdrawal", run("--db", county, "export", "--kind", "dispatch",
                                                   "--to", code, "--out", w))
    xsd_valid("dispatch with a withdrawal", w)
    r = ok("township imports the withdrawal", run("--db", db, "import", w))
    check("township: the task marked withdrawn, with the reason",
          query(db, "SELECT withdrawn_on IS NOT NULL, withdrawn_reason FROM ex_tasks"
                    f" WHERE uuid = '{task}'") == [(1, "时间安排冲突，另行通知")], r.stdout)
    r = run("--db", db, "ack", task)
    check("ack of a withdrawn task: exit 65, no acknowledgement asked", r.returncode == 65
          and "withdrawn" in r.stderr, r.stderr)
    before = dump(db)
    r = ok("township imports the withdrawal again", run("--db", db, "import", w))
    check("re-import of the withdrawal: nothing to do, database unchanged",
          "already imported" in r.stdout and dump(db) == before, r.stdout)
    # the dispatch written before the withdrawal, imported late: the task stays withdrawn
    r = ok("township imports the older dispatch", run("--db", db, "import", "--json",
                                                      os.path.join(d1dir, sorted(
                                                          os.listdir(d1dir))[0])))
    check("older dispatch: the task stays withdrawn",
          query(db, f"SELECT withdrawn_on IS NOT NULL FROM ex_tasks WHERE uuid = '{task}'")
          == [(1,)], r.stdout[-400:])

    r = run("--db", county, "import")
    check("import without files is a usage error", r.returncode == 2, r.stderr)
    r = run("--db", county, "import", "--keep-local", "--take-incoming", out)
    check("import with both resolutions is a usage error", r.returncode == 2, r.stderr)
    r = run("--db", county, "keys", "trust", county_pem, "--code", "1", "--fingerprint", "00")
    check("trust with the wrong fingerprint: exit 65", r.returncode == 65
          and "fingerprint" in r.stderr, r.stderr)

    # A key trusted for one office is not silently moved to another; without --name the
    # name stays; --replace moves it.
    code, name = TOWNSHIPS[0]
    pem = os.path.join(tmp, f"{code}.pem")

    def trusted(db):
        j = json_of(run("--db", db, "keys", "list", "--json")) or {}
        return {k["code"]: k.get("name") for k in j.get("trusted", [])}

    r = run("--db", county, "keys", "trust", pem, "--code", "330822999", "--name", "别的镇")
    check("trust for another office: exit 65 naming both offices", r.returncode == 65
          and code in r.stderr and name in r.stderr and "330822999" in r.stderr
          and "别的镇" in r.stderr, r.stderr)
    t = trusted(county)
    check("the key stays with its office", t.get(code) == name and "330822999" not in t, str(t))
    ok("trust again without --name", run("--db", county, "keys", "trust", pem, "--code", code))
    check("the name stays", trusted(county).get(code) == name, str(trusted(county)))
    ok("trust --replace", run("--db", county, "keys", "trust", pem, "--code", "330822999",
                              "--replace"))
    t = trusted(county)
    check("--replace moves the key", "330822999" in t and code not in t, str(t))
    ok("trust back", run("--db", county, "keys", "trust", pem, "--code", code, "--name", name,
                         "--replace"))

    r = run("--db", county, "keys", "list", "--json")
    j = json_of(r) or {}
    check("keys list --json: 12 trusted keys", len(j.get("trusted", [])) == 12, r.stdout[:300])

finish()
