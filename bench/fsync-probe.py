#!/usr/bin/env python3
"""bench/fsync-probe.py DIR SECONDS OUT: every 10 ms, one 8 KB write + fdatasync to a file in DIR
(the database's file system), for SECONDS. Records each sync's latency and how late the probe's own
10 ms sleep woke up (CPU scheduling), so a slow sync can be told from a starved process. Writes one
line per probe to OUT (unix time, sync ms, wake-up delay ms) and prints a summary."""
import os, sys, time

directory, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
path = os.path.join(directory, "fsync-probe.dat")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
block = os.urandom(8192)
os.pwrite(fd, block * 128, 0)  # 1 MB written once, so the probes overwrite (no file growth, as WAL segments)
os.fsync(fd)
rows = []
stop = time.time() + seconds
i = 0
while time.time() < stop:
    before_sleep = time.monotonic()
    time.sleep(0.01)
    woke = time.monotonic()
    os.pwrite(fd, block, (i % 128) * 8192)
    os.fdatasync(fd)
    done = time.monotonic()
    rows.append((time.time(), 1000 * (done - woke), 1000 * (woke - before_sleep - 0.01)))
    i += 1
os.close(fd)
os.unlink(path)
with open(out, "w") as f:
    for t, sync, late in rows:
        f.write("%.3f %.3f %.3f\n" % (t, sync, late))
syncs = sorted(r[1] for r in rows)
lates = sorted(r[2] for r in rows)
q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
print("fsync probe (8 KB write + fdatasync every 10 ms, %d probes): sync p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d over 50 ms;"
      " wake-up delay p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d over 50 ms"
      % (len(rows), q(syncs, .5), q(syncs, .99), syncs[-1], sum(s > 50 for s in syncs), q(lates, .5), q(lates, .99), lates[-1], sum(l > 50 for l in lates)))
slow = [r for r in rows if r[1] > 50 or r[2] > 50]
for t, sync, late in slow[:20]:
    print("  %s.%03d  sync %.1f ms, wake-up delay %.1f ms" % (time.strftime("%H:%M:%S", time.localtime(t)), int((t % 1) * 1000), sync, late))
