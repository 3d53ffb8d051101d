# SPDX-License-Identifier: GPL-2.0
"""ksentry - the research benchmark's CPU-bound loop in Python.

usage: python3 pyloop.py ITERATIONS

The seed report's loop, x += (-1)**j * sqrt(i) / max(j, 2) for
i = 0 .. ITERATIONS - 1 and j = i (micro.c's cpuloop says why j is the
iteration and why -1**j is read as (-1)**j).  Prints
"pyloop NS_PER_ITER X": CLOCK_MONOTONIC nanoseconds per iteration of the
loop alone (the interpreter's start and imports are not in it; under
QEMU -icount shift=0,sleep=off, guest instructions), and x, so that the
loop is seen to be computed.
"""

import math
import sys
import time


def loop(n):
    x = 0.0
    for i in range(n):
        j = i
        x += (-1) ** j * math.sqrt(i) / max(j, 2)
    return x


def main():
    n = int(sys.argv[1])
    if n < 1:
        sys.exit("pyloop: ITERATIONS must be at least 1")
    begin = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    x = loop(n)
    end = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    print(f"pyloop {(end - begin) / n:.3f} {x:.17g}")


if __name__ == "__main__":
    main()
