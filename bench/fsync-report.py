#!/usr/bin/env python3
"""bench/fsync-report.py FILE: summarises `perf trace -e fdatasync,fsync` output: per process name, the
count and duration percentiles of the syncs, and the slowest ones with the time into the run."""
import re, sys, collections

calls = collections.defaultdict(list)
slow = []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"\s*([\d.]+) \(\s*([\d.]+) ms\): (\S+?)/(\d+) (fdatasync|fsync)\(", line)
    if m:
        at, ms, name, pid, call = float(m.group(1)), float(m.group(2)), m.group(3), m.group(4), m.group(5)
        calls[name].append(ms)
        slow.append((ms, at, name, pid, call))
q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
print("syncs during the P1 run (perf trace), by process: count, p50, p99, max ms, over 50 ms")
for name, xs in sorted(calls.items(), key=lambda kv: -len(kv[1])):
    xs.sort()
    print("  %-16s %6d  p50 %6.2f  p99 %7.2f  max %7.1f  >50ms %d" % (name, len(xs), q(xs, .5), q(xs, .99), xs[-1], sum(x > 50 for x in xs)))
slow.sort(reverse=True)
print("the slowest syncs (ms into the trace):")
for ms, at, name, pid, call in sorted(slow[:12], key=lambda s: s[1]):
    print("  at %8.0f ms  %7.1f ms  %s/%s %s" % (at, ms, name, pid, call))
