#!/usr/bin/env python3
"""WARC in, accounting and WET out, through the built pith binary.

Builds a WARC (one gzip member per record) of at least 500 HTML responses
from the pages of ../shared/datasets (from the fixtures, repeated, where the
datasets are absent), with warcinfo, request and non-HTML records among them,
then checks:
  * the closing summary adds up: every record read is skipped, failed or
    cleaned, and the counts match what was written;
  * JSON output keeps record order, with one line per HTML record, and is
    the same for -j 1 and -j 2;
  * the WET output (gzip per record) is read back by warcio, the Webrecorder
    project's reader (npm), which must find every record and every
    WARC-Block-Digest correct. Skipped, with a message, when npm cannot
    install warcio.
Usage: warc_batch_test.py PITH_BIN SOURCE_DIR WORK_DIR
"""
import gzip, json, os, re, shutil, subprocess, sys, uuid

pith, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)

def record(typ, uri, block, ctype):
    rid = uuid.uuid5(uuid.NAMESPACE_URL, typ + uri)
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
            "WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\n"
            "Content-Length: %d\r\n\r\n" % (typ, rid, uri, ctype, len(block))).encode()
    return head + block + b"\r\n\r\n", "<urn:uuid:%s>" % rid

datasets = os.path.join(source, "..", "shared", "datasets")
pages = []
if os.path.isdir(datasets):
    for name in sorted(os.listdir(datasets)):
        d = os.path.join(datasets, name, "html")
        if os.path.isdir(d):
            pages += [os.path.join(d, f) for f in sorted(os.listdir(d))]
else:
    print("warc_batch_test: no datasets at %s, using the fixtures" % datasets)
    fixtures = os.path.join(source, "fixtures")
    base = [os.path.join(fixtures, f, "page.html") for f in sorted(os.listdir(fixtures))]
    pages = [base[i % len(base)] for i in range(520)]
pages = pages[:520]
assert len(pages) >= 500, len(pages)

warc = os.path.join(work, "batch.warc.gz")
expected_ids, total, skipped = [], 0, 0
with open(warc, "wb") as out:
    data, _ = record("warcinfo", "", b"software: warc_batch_test\r\n", "application/warc-fields")
    out.write(gzip.compress(data)); total += 1; skipped += 1
    for i, p in enumerate(pages):
        uri = "https://example.org/%d/%s" % (i, os.path.basename(p))
        data, _ = record("request", uri, b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request")
        out.write(gzip.compress(data)); total += 1; skipped += 1
        body = open(p, "rb").read()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)
        data, rid = record("response", uri, http + body, "application/http; msgtype=response")
        out.write(gzip.compress(data)); total += 1
        expected_ids.append(rid)
        if i % 50 == 0:
            data, _ = record("response", uri + ".png", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
                             "application/http; msgtype=response")
            out.write(gzip.compress(data)); total += 1; skipped += 1

def run(*args):
    return subprocess.run([pith, *args], capture_output=True)

summary_re = re.compile(r"pith: (\d+) records read, (\d+) HTML documents, (\d+) cleaned, (\d+) empty "
                        r"after cleaning, (\d+) skipped \(non-HTML\), (\d+) failed")
outputs = {}
for jobs in ("1", "2"):
    r = run("-j", jobs, "--format", "json", warc)
    assert r.returncode == 0, (r.returncode, r.stderr[-2000:])
    m = summary_re.search(r.stderr.decode())
    assert m, r.stderr[-2000:]
    records, html, cleaned, empty, skip, failed = map(int, m.groups())
    assert records == total, (records, total)
    assert skip == skipped, (skip, skipped)
    assert html == len(pages) and failed == 0, m.group(0)
    assert records == skip + failed + cleaned + empty, m.group(0)
    lines = r.stdout.decode().splitlines()
    assert len(lines) == len(pages), len(lines)
    ids = [json.loads(l)["warc_record_id"] for l in lines]
    assert ids == expected_ids, "record order not preserved"
    outputs[jobs] = r.stdout
assert outputs["1"] == outputs["2"], "-j 1 and -j 2 differ"
print("warc_batch_test: %d records, %d HTML, summary adds up, order kept, -j 1 == -j 2" % (total, len(pages)))

r = run("-j", "2", "--format", "wet", "--gzip", "-o", os.path.join(work, "out"), warc)
assert r.returncode == 0, r.stderr[-2000:]
wet = os.path.join(work, "out", "batch.warc.wet.gz")
assert os.path.isfile(wet)
checker = os.path.join(source, "tests", "warcio")
modules = os.path.join(work, "warcio")
os.makedirs(modules, exist_ok=True)
shutil.copy(os.path.join(checker, "package.json"), modules)
shutil.copy(os.path.join(checker, "check.mjs"), modules)
if not shutil.which("npm") or not shutil.which("node"):
    print("warc_batch_test: SKIPPED the warcio check: node/npm not installed")
    sys.exit(0)
inst = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=modules,
                      capture_output=True, timeout=300)
if inst.returncode != 0:
    print("warc_batch_test: SKIPPED the warcio check: npm install failed: %s" % inst.stderr[-500:])
    sys.exit(0)
c = subprocess.run(["node", "check.mjs", wet], cwd=modules, capture_output=True, timeout=300)
out = c.stdout.decode().strip()
print("warcio:", out)
assert c.returncode == 0, c.stderr[-2000:]
m = re.match(r"records=(\d+) conversions=(\d+) bad=(\d+)", out)
assert m and int(m.group(1)) == len(pages) + 1 and int(m.group(2)) == len(pages) and int(m.group(3)) == 0, out
print("warc_batch_test: warcio read %s records, all digests correct" % m.group(1))
