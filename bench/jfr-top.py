#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: top self frames, and the share of samples
whose stack contains a frame matching each of the given substrings (inclusive share).

    python3 bench/jfr-top.py recording.jfr [substring ...]

Reads `jfr print --events jdk.ExecutionSample --stack-depth 256`; needs the JDK's `jfr` tool."""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
needles = sys.argv[2:]
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", recording],
                      capture_output=True, text=True, check=True).stdout
stacks = []
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>/]+\([^)]*\))\s+line:", event, re.M)
    if frames:
        stacks.append(frames)
total = len(stacks)
print(f"{total} execution samples")
top = collections.Counter(s[0].split("(")[0] for s in stacks)
print("top self frames:")
for frame, n in top.most_common(15):
    print(f"  {100.0 * n / total:5.1f}%  {frame}")
if needles:
    print("samples whose stack contains:")
for needle in needles:
    n = sum(1 for s in stacks if any(needle in f for f in s))
    print(f"  {100.0 * n / total:5.1f}%  {needle}")
