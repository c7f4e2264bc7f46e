#!/usr/bin/env python3
"""SIGINT and SIGTERM during a batch with -o, then --resume.

A folder of 8,000 pages is cleaned with -j 2 -o OUT, and the run is
interrupted after a moment. Checks: exit status 130; the summary line still
prints and says "interrupted"; every file in OUT is complete (equal to what
an uninterrupted run writes for that page); no temporary file is left under
any name; a rerun with --resume skips what exists and finishes the job.
Usage: interrupt_test.py PITH_BIN SOURCE_DIR WORK_DIR
"""
import os, shutil, signal, subprocess, sys, time

pith, source, work = [os.path.abspath(a) for a in sys.argv[1:4]]
shutil.rmtree(work, ignore_errors=True)
pages = os.path.join(work, "pages")
os.makedirs(pages)
fixtures = os.path.join(source, "fixtures")
base = sorted(os.path.join(fixtures, f, "page.html") for f in os.listdir(fixtures))
for i in range(8000):
    shutil.copy(base[i % len(base)], os.path.join(pages, "p%04d.html" % i))

ref = os.path.join(work, "ref")
r = subprocess.run([pith, "-j", "2", "-o", ref, pages], capture_output=True)
assert r.returncode == 0, r.stderr[-1000:]

for sig in (signal.SIGINT, signal.SIGTERM):
    out = os.path.join(work, "out-%d" % sig)
    p = subprocess.Popen([pith, "-j", "2", "-o", out, pages], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (os.path.isdir(out) and len(os.listdir(out)) > 20):
        time.sleep(0.01)
    p.send_signal(sig)
    _, err = p.communicate(timeout=60)
    err = err.decode()
    assert p.returncode == 130, (sig, p.returncode, err[-500:])
    assert "interrupted" in err and "records read" in err, err[-500:]
    names = os.listdir(out) if os.path.isdir(out) else []
    assert not [n for n in names if n.startswith(".")], "temporary files left: %s" % names[:5]
    assert 0 < len(names) < 8000, "interrupt came too late or too early: %d files" % len(names)
    for n in names:
        assert open(os.path.join(out, n), "rb").read() == open(os.path.join(ref, n), "rb").read(), n
    done = len(names)
    r = subprocess.run([pith, "-j", "2", "--resume", "-o", out, pages], capture_output=True)
    assert r.returncode == 0, r.stderr[-500:]
    assert ("%d inputs already done" % done) in r.stderr.decode(), r.stderr[-500:]
    assert sorted(os.listdir(out)) == sorted(os.listdir(ref))
    for n in os.listdir(ref):
        assert open(os.path.join(out, n), "rb").read() == open(os.path.join(ref, n), "rb").read(), n
    print("interrupt_test: signal %d stopped the batch after %d of 8000 files, all complete; "
          "--resume finished the rest" % (sig, done))
