#!/usr/bin/env python3
"""CPU seconds of each thread of a command, read from /proc while it runs.

    python3 bench/thread_cpu.py ./build/cli/kgbuild /tmp/kg-bench-corpus -q -j 2 -o /tmp/x.json

Prints one line per thread ("main" is the process's first thread) and the total. On a busy
machine wall time says little about what -j N would gain on idle cores; the split of CPU
time between the main thread (start-up, graph, export) and the workers does not depend on
the load. Samples every 50 ms, so a thread's last 50 ms can be missing. Linux only.
"""
import os
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    process = subprocess.Popen(sys.argv[1:])
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    while process.poll() is None:
        try:
            for tid in os.listdir(f"/proc/{process.pid}/task"):
                with open(f"/proc/{process.pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                seconds[int(tid)] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread or the process ended between the listing and the read
        time.sleep(0.05)
    for tid in sorted(seconds):
        print(f"{'main' if tid == process.pid else 'thread'} {tid}: {seconds[tid]:.2f} s CPU")
    print(f"total: {sum(seconds.values()):.2f} s CPU")
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
