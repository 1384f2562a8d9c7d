#!/usr/bin/env python3
"""Summarises the CPU samples of JFR recordings: top self frames, and the share of samples
whose stack contains a frame matching each of the given substrings (inclusive share).

    python3 bench/jfr-top.py recording.jfr [recording.jfr ...] [substring ...]
    python3 bench/jfr-top.py --through 'FilterChain|ContainerFilter' recording.jfr [substring ...]

With --through REGEX a sample counts for a substring only when no frame between the top of its
stack and the matching frame matches REGEX: a servlet filter's own work, not the rest of the
request it passes on through the chain (its inclusive share would be nearly everything).

Reads `jfr print --events jdk.ExecutionSample --stack-depth 256`; needs the JDK's `jfr` tool."""
import collections
import re
import subprocess
import sys

args = sys.argv[1:]
through = None
if args[:1] == ["--through"]:
    through = re.compile(args[1])
    args = args[2:]
recordings = [a for a in args if a.endswith(".jfr")]
needles = [a for a in args if not a.endswith(".jfr")]
stacks = []
for recording in recordings:
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", recording],
                          capture_output=True, text=True, check=True).stdout
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>/]+\([^)]*\))\s+line:", event, re.M)
        if frames:
            stacks.append(frames)
total = len(stacks)
print(f"{total} execution samples")
if not total:
    sys.exit(0)
top = collections.Counter(s[0].split("(")[0] for s in stacks)
print("top self frames:")
for frame, n in top.most_common(15):
    print(f"  {100.0 * n / total:5.1f}%  {frame}")


def counts(stack, needle):
    for i, frame in enumerate(stack):
        if needle in frame:
            return through is None or not any(through.search(f) for f in stack[:i])
    return False


if needles:
    print("samples whose stack contains" + (f" (not through {through.pattern})" if through else "") + ":")
for needle in needles:
    n = sum(1 for s in stacks if counts(s, needle))
    print(f"  {100.0 * n / total:5.1f}%  {needle}")
