#!/usr/bin/env python3
"""Where a JFR recording's allocations come from: JFR's allocation samples
(jdk.ObjectAllocationSample, each weighted by the bytes it stands for), as the share of all
sampled bytes whose stack contains a frame matching each given substring, and the top allocating
frames of the given package.

    python3 bench/jfr-alloc-by.py recording.jfr PACKAGE [substring ...]

Needs the JDK's `jfr` tool and a recording made with settings=profile (as the bench scripts'
BENCH_JFR=1 do). Shares, not bytes per request: bench/jfr-alloc.py gives those."""
import collections
import json
import subprocess
import sys

recording, package = sys.argv[1], sys.argv[2]
needles = sys.argv[3:]
events = json.loads(subprocess.run(
    ["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ObjectAllocationSample", recording],
    capture_output=True, text=True, check=True).stdout)["recording"]["events"]


def frames(event):
    stack = event["values"].get("stackTrace") or {}
    # JFR's JSON names types the JVM's way (dev/rockstar/...): dotted here, like the PACKAGE argument
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in stack.get("frames", [])]


samples = [(event["values"]["weight"], frames(event)) for event in events]
total = sum(weight for weight, _ in samples)
if not total:
    sys.exit("no allocation samples: record with settings=profile")
print(f"{len(samples)} allocation samples standing for {total / 1e6:.0f} MB")
print("share of sampled bytes whose stack contains:")
for needle in needles:
    share = sum(weight for weight, stack in samples if any(needle in f for f in stack))
    print(f"  {100.0 * share / total:5.1f}%  {needle}")
own = collections.Counter()
for weight, stack in samples:
    first = next((f for f in stack if f.startswith(package)), None)
    if first:
        own[first] += weight
print(f"top frames of {package} under the allocations (innermost frame of the package):")
for frame, weight in own.most_common(15):
    print(f"  {100.0 * weight / total:5.1f}%  {frame}")
