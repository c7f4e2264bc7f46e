#!/usr/bin/env python3
"""JSONL and WARC inputs through the built pith binary, from files and stdin.

JSONL: good lines, a non-HTML content_type (skipped and counted), a line that
is not JSON and one without "html" (each an error line, the batch goes on),
blank lines (ignored), "id" carried into JSON output, record order kept.
WARC from standard input (gzip per record), detected from the content.
Usage: inputs_test.py PITH_BIN SOURCE_DIR WORK_DIR
"""
import gzip, json, os, re, shutil, subprocess, sys

pith, source, work = [os.path.abspath(a) for a in sys.argv[1:4]]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
page = open(os.path.join(source, "fixtures", "blog-post-en", "page.html"), encoding="utf-8").read()
expected = open(os.path.join(source, "fixtures", "blog-post-en", "expected.txt"), encoding="utf-8").read()
lines = [
    json.dumps({"id": "a1", "url": "https://blog.example.net/a", "html": page}),
    "",
    json.dumps({"id": "a2", "url": "https://example.org/img", "html": "PNG", "content_type": "image/png"}),
    "{not json",
    json.dumps({"id": "a4", "url": "https://example.org/x"}),
    json.dumps({"id": 5, "url": "https://example.org/five", "html": "<h1>Five</h1><p>Five is a number "
                "that comes after four, and before six, as everyone knows.</p>",
                "content_type": "text/html; charset=utf-8"}),
]
path = os.path.join(work, "in.jsonl")
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
summary_re = re.compile(r"(\d+) records read, (\d+) HTML documents, (\d+) cleaned, (\d+) empty after "
                        r"cleaning, (\d+) skipped \(non-HTML\), (\d+) failed")

r = subprocess.run([pith, "--format", "json", path], capture_output=True)
err = r.stderr.decode()
assert r.returncode == 1, (r.returncode, err)
out = [json.loads(l) for l in r.stdout.decode().splitlines()]
assert [o.get("id") for o in out] == ["a1", "a4", "5"] or [o.get("id") for o in out] == ["a1", None, "a4", "5"], out
by_id = {o.get("id"): o for o in out}
assert by_id["a1"]["text"] == expected.split("\n\n", 1)[1], "JSONL text differs from the fixture"
assert "error" in by_id["a4"] and "html" in by_id["a4"]["error"]
assert by_id["5"]["title"] == "Five"
assert "in.jsonl:4: not a JSON object" in err, err
assert "in.jsonl:5: " in err, err
m = summary_re.search(err)
assert m and tuple(map(int, m.groups())) == (5, 2, 2, 0, 1, 2), (m and m.group(0), err)
print("inputs_test: JSONL ok:", m.group(0))

def record(typ, uri, block, ctype):
    head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (typ, uri[-12:].rjust(36, "0"), uri, ctype,
                                                               len(block))).encode()
    return gzip.compress(head + block + b"\r\n\r\n")

body = page.encode()
warc = record("warcinfo", "urn:x", b"software: t\r\n", "application/warc-fields")
warc += record("response", "https://blog.example.net/a",
               b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n" +
               b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n", "application/http; msgtype=response")
warc += record("resource", "https://blog.example.net/b", body, "text/html")
r = subprocess.run([pith, "-"], input=warc, capture_output=True)
err = r.stderr.decode()
assert r.returncode == 0, err
text = r.stdout.decode()
assert text.count("==> <stdin>@") == 2, text[:300]
assert text.count(expected.split("\n\n", 1)[1].split("\n")[0]) == 2
m = summary_re.search(err)
assert m and tuple(map(int, m.groups())) == (3, 2, 2, 0, 1, 0), err
print("inputs_test: WARC on stdin ok:", m.group(0))
