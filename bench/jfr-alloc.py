#!/usr/bin/env python3
"""Bytes allocated per request from a JFR recording taken while wrk ran at a known rate:
the heap growth between consecutive GCs (used before GC n minus used after GC n-1), summed over
the span from the first GC to the last, divided by the requests of that span.

    python3 bench/jfr-alloc.py recording.jfr REQUESTS_PER_SECOND

Counts every allocation of the process in that span, the server's own background work included,
so compare two builds measured the same way rather than reading it as an absolute."""
import datetime
import json
import subprocess
import sys

recording, rate = sys.argv[1], float(sys.argv[2])
events = json.loads(subprocess.run(["jfr", "print", "--json", "--events", "jdk.GCHeapSummary", recording],
                                   capture_output=True, text=True, check=True).stdout)["recording"]["events"]


def when(event):
    return datetime.datetime.fromisoformat(event["values"]["startTime"][:26].rstrip("Z"))


summaries = sorted(events, key=lambda e: (e["values"]["gcId"], e["values"]["when"] != "Before GC"))
allocated = 0
previous_after = None
first_after_time = last_before_time = None
for event in summaries:
    values = event["values"]
    if values["when"] == "Before GC":
        if previous_after is not None:
            allocated += values["heapUsed"] - previous_after
            last_before_time = when(event)
    else:
        if previous_after is None:
            first_after_time = when(event)
        previous_after = values["heapUsed"]
if last_before_time is None:
    sys.exit("fewer than two GCs in the recording: record longer")
seconds = (last_before_time - first_after_time).total_seconds()
print(f"{allocated / (seconds * rate):.0f} bytes/request ({allocated / 1e6:.0f} MB over {seconds:.1f} s at {rate:.0f} req/s)")
