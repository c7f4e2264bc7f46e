#!/usr/bin/env python3
"""Hostile inputs through the built pith binary: nothing crashes, nothing is lost.

Every input is generated here (none is committed). Each case runs pith in a
child process and checks:
  * it was not killed by a signal and exited 0 or 1 (2 for bad rule files);
  * a failure is reported on stderr as one line naming the input;
  * wall time within 2 s per input MB (at least 2 s), peak RSS within
    64 MB + 10 x the input size (the batch limit of the throughput issue);
  * any case-specific expectation (text kept, error message, files written).
It prints a table: input, size, time, peak RSS, outcome.
Usage: run.py PITH_BIN WORK_DIR
"""
import gzip, os, resource, shutil, subprocess, sys, time, zlib

pith, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
rows, failures = [], []

def write(name, data):
    path = os.path.join(work, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return path

def run(label, args, size, expect_codes=(0, 1), check=None, stdin=None):
    t0 = time.monotonic()
    # posix_spawn (vfork): the child does not inherit this process's peak
    # RSS, which Linux would otherwise carry across exec into ru_maxrss.
    out_fd = os.open(os.path.join(work, "out.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err_fd = os.open(os.path.join(work, "err.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    in_fd = os.open(stdin or os.devnull, os.O_RDONLY)
    os.chdir(work)
    pid = os.posix_spawn(pith, [pith, *args], dict(os.environ),
                         file_actions=[(os.POSIX_SPAWN_DUP2, in_fd, 0), (os.POSIX_SPAWN_DUP2, out_fd, 1),
                                       (os.POSIX_SPAWN_DUP2, err_fd, 2)])
    for fd in (out_fd, err_fd, in_fd):
        os.close(fd)
    _, status, usage = os.wait4(pid, 0)
    secs = time.monotonic() - t0
    rss_mb = usage.ru_maxrss / 1024.0
    stdout = open(os.path.join(work, "out.txt"), "rb").read()
    stderr = open(os.path.join(work, "err.txt"), "rb").read().decode("utf-8", "replace")
    problems = []
    if os.WIFSIGNALED(status):
        problems.append("killed by signal %d" % os.WTERMSIG(status))
        code = -1
    else:
        code = os.WEXITSTATUS(status)
        if code not in expect_codes:
            problems.append("exit %d, expected %s" % (code, expect_codes))
    mb = size / 1e6
    scale = float(os.environ.get("PITH_TIME_SCALE", "1") or 1)
    if secs > max(2.0, 2.0 * mb) * scale:
        problems.append("took %.1f s" % secs)
    if rss_mb > 64 + 10 * mb and scale == 1:  # Sanitizers' shadow memory: no RSS bound.
        problems.append("peak RSS %.0f MB" % rss_mb)
    if check:
        msg = check(code, stdout, stderr)
        if msg:
            problems.append(msg)
    outcome = "exit %d" % code
    first_err = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    if first_err:
        outcome += ": " + first_err[:70]
    rows.append((label, "%.1f MB" % mb, "%.2f s" % secs, "%.0f MB" % rss_mb, outcome))
    if problems:
        failures.append("%s: %s" % (label, "; ".join(problems)))

def contains(text):
    return lambda code, out, err: None if text.encode() in out else "output lacks %r" % text

def err_has(text):
    return lambda code, out, err: None if text in err else "stderr lacks %r" % text

N = 1000000
def write_pieces(name, pieces):
    # Written in pieces: this process must never hold (or peak at) a big
    # input, since Linux carries a parent's peak RSS into its children's.
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        for piece in pieces:
            f.write(piece)
    return path, os.path.getsize(path)

for tag in ("div", "b", "span", "table"):
    open_tags, close_tags = ("<%s>" % tag).encode() * 10000, ("</%s>" % tag).encode() * 10000
    path, size = write_pieces("nested-%s.html" % tag,
                              [open_tags] * (N // 10000) + [b"<p>deep text survives</p>"] +
                              [close_tags] * (N // 10000))
    run("1M nested <%s>" % tag, ["--no-title", path], size, check=contains("deep text survives"))

path, size = write_pieces("attributes.html", [b"<html><body><div"] +
                          [b"".join(b" a%d=x" % (k * 10000 + i) for i in range(10000)) for k in range(N // 10000)] +
                          [b">attribute text</div></body></html>"])
run("1M attributes on one tag", [path], size, check=contains("attribute text"))

def write_streamed(name, head, unit, count, tail):
    piece = unit * 100000
    return write_pieces(name, [head] + [piece] * (count // 100000) + [tail])

path, size = write_streamed("text-200mb.html", b"<html><body><p>", b"word ", 40 * 1000 * 1000, b"</p></body></html>")
run("200 MB text node (refused by --max-bytes)", [path], size, expect_codes=(1,),
    check=err_has("over the limit"))
path, size = write_streamed("text-30mb.html", b"<html><body><h1>T</h1><p>", b"word, ", 5 * 1000 * 1000,
                            b"end.</p></body></html>")
run("30 MB text node", ["--max-bytes", "40000000", path], size, check=contains("end."))

bad = (b"<html><body><p>overlong \xc0\xaf \xe0\x80\xaf invalid \xff\xfe surrogate \xed\xa0\x80 nul \x00 "
       b"end of paragraph with enough words to be kept as article text.</p></body></html>")
path = write("bad-utf8.html", bad)
run("invalid and overlong UTF-8, NUL", [path], len(bad), check=contains("end of paragraph"))

def warc_record(typ, uri, block, ctype="application/http; msgtype=response", length=None):
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" %
            (typ, "00000000-0000-0000-0000-%012d" % (abs(hash(uri)) % 10**12), uri, ctype,
             len(block) if length is None else length)).encode()
    return head + block + b"\r\n\r\n"

good_page = b"<html><body><h1>Good</h1><p>The good record is still cleaned, with all its words.</p></body></html>"
good = warc_record("response", "https://example.org/good",
                   b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + good_page)
# A gzip bomb: about 1 GB of zeros as a ~1 MB gzip Content-Encoding.
z = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = b"\0" * (1 << 20)
bomb_body = b"".join(z.compress(chunk) for _ in range(1024)) + z.flush()
bomb = warc_record("response", "https://example.org/bomb",
                   b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + bomb_body)
data = bomb + good
path = write("bomb.warc", data)
run("gzip bomb in a WARC record (16 MiB cap, the default)", [path], len(data), check=lambda c, o, e:
    None if b"still cleaned" in o and "limit" in e else "bomb not reported or good record lost")

trunc = good + good[: len(good) // 2]
path = write("truncated.warc", trunc)
run("truncated WARC", [path], len(trunc), check=contains("still cleaned"))
garbled = good + b"\x00garbage\xff" * 1000 + b"\r\n" + good
path = write("garbled.warc", garbled)
run("garbled bytes between WARC records", [path], len(garbled),
    check=lambda c, o, e: None if o.count(b"still cleaned") == 2 else "a good record was lost")
longer = warc_record("response", "https://example.org/long", b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>",
                     length=10**6) + good
path = write("length-larger.warc", longer)
run("Content-Length larger than the record", [path], len(longer), check=contains("still cleaned"))
shorter = warc_record("response", "https://example.org/short",
                      b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>" + b"y" * 500 + b"</p>",
                      length=40) + good
path = write("length-smaller.warc", shorter)
run("Content-Length smaller than the record", [path], len(shorter), check=contains("still cleaned"))
header = b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"h" * (10 << 20) + b"\r\n\r\n" + good
path = write("long-header.warc", header)
run("10 MB WARC header line", [path], len(header), check=contains("still cleaned"))

loop = os.path.join(work, "loop")
os.makedirs(os.path.join(loop, "sub"))
write("loop/page.html", good_page)
os.symlink("..", os.path.join(loop, "sub", "back"))
run("symlink loop in a folder", ["-o", "loop-out", "loop"], len(good_page),
    check=lambda c, o, e: None if os.path.exists(os.path.join(work, "loop-out", "page.txt")) else "page not written")
os.makedirs(os.path.join(work, "dir.html"))
write("ok.html", good_page)
run("unreadable input (a folder named .html) among good ones", ["ok.html", "missing.html"], len(good_page),
    expect_codes=(1,), check=lambda c, o, e: None if b"still cleaned" in o and "missing.html" in e else "bad report")

rules = os.path.join(work, "rules-regex")
os.makedirs(rules)
write("rules-regex/site.rules", b"drop-text: (a+)+$\ndrop-text: (x*)*y\n")
slow = b"<html><body><p>" + b"a" * 200000 + b"!</p><p>" + b"x" * 200000 + b"</p></body></html>"
path = write("regex.html", slow)
run("pathological regexes (RE2 stays linear)", ["--rules", rules, path], len(slow))
rules2 = os.path.join(work, "rules-selector")
os.makedirs(rules2)
write("rules-selector/site.rules", ("strip: " + " > ".join(["div"] * 10000) + "\n").encode())
run("10,000-part selector", ["--rules", rules2, "ok.html"], 10000 * 6, expect_codes=(2,),
    check=err_has("site.rules:1:"))

jsonl = b'{"id": "../../escape", "url": "file:///../../etc/passwd", "html": "<p>traversal attempt text</p>"}\n'
path = write("traversal.jsonl", jsonl)
run("path traversal through record ids and URLs", ["-o", "trav-out", path], len(jsonl),
    check=lambda c, o, e: None if os.listdir(os.path.join(work, "trav-out")) == ["traversal.txt"]
    and not os.path.exists(os.path.join(work, "..", "escape.txt")) else "wrote outside the output folder")

width = [max(len(r[i]) for r in rows) for i in range(5)]
for r in [("input", "size", "time", "peak RSS", "outcome")] + rows:
    print("  ".join(r[i].ljust(width[i]) for i in range(5)).rstrip())
if failures:
    print("\nFAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("\nhostile: %d inputs, no crash, all within bounds" % len(rows))
