"""Turn run.sh's timings into the markdown report (medians, ratios, targets).

Usage: report.py RESULTS.tsv META.txt NOTES.txt DATA_DIR
RESULTS.tsv lines: size, command, milliseconds, peak RSS KB, exit code.
"""

import json
import os
import statistics
import sys
from collections import OrderedDict

results_path, meta_path, notes_path, data_dir = sys.argv[1:5]
meta = dict(line.rstrip("\n").split("=", 1) for line in open(meta_path) if "=" in line)
notes = [n.strip() for n in open(notes_path) if n.strip()]

runs = OrderedDict()
for line in open(results_path):
    size, name, ms, rss, rc, cpu = line.rstrip("\n").split("\t")
    runs.setdefault(size, OrderedDict()).setdefault(name, []).append((int(ms), int(rss), int(rc), int(cpu)))


def med(size, name):
    r = runs.get(size, {}).get(name)
    return statistics.median(x[0] for x in r) / 1000 if r else None


def cpu(size, name):
    r = runs.get(size, {}).get(name)
    return statistics.median(x[3] for x in r) / 1000 if r else None


def peak(size, name):
    r = runs.get(size, {}).get(name)
    return max(x[1] for x in r) / 1024 if r else None


def mb(path):
    try:
        return os.path.getsize(path) / 1e6
    except OSError:
        return None


def fmt(x, unit=""):
    return "–" if x is None else f"{x:.2f}{unit}"


out = []
title = "bimtek benchmark" + (f": {meta['LABEL']}" if meta.get("LABEL") else "")
out.append(f"## {title}\n")
out.append(f"- Date: {meta.get('DATE')}")
out.append(f"- Machine: {meta.get('CPU')}, {meta.get('NPROC')} cores, {meta.get('MEM')} RAM; "
           f"load average at start/end {meta.get('LOAD')} (the machine is shared)")
out.append(f"- {meta.get('RUSTC')}; commit {meta.get('COMMIT')}; binary `{meta.get('BIMTEK')}`")
out.append(f"- Median of {meta.get('RUNS')} warm-cache runs; peak RSS is the largest of the runs; "
           "CPU is user+sys, less sensitive than wall time to a busy machine")
for n in notes:
    out.append(f"- Note: {n}")
out.append("")

for size, cmds in runs.items():
    d = os.path.join(data_dir, size)
    try:
        manifest = json.load(open(os.path.join(d, "manifest.json")))
    except OSError:
        manifest = {}
    ev = manifest.get("evidence") or {}
    desc = (f"{manifest.get('innovations', '?')} innovations; single.xlsx {fmt(mb(os.path.join(d, 'single', 'single.xlsx')), ' MB')}, "
            f"single.csv {fmt(mb(os.path.join(d, 'single', 'single.csv')), ' MB')}; country: {manifest.get('pemda', '?')} pemda, "
            f"{manifest.get('country_files', '?')} files")
    if ev:
        desc += f"; evidence: {ev.get('files')} files in {ev.get('folders')} folders"
    out.append(f"### {size}: {desc}\n")
    out.append("| command | median wall s | runs s | median CPU s | peak RSS MB | exit |")
    out.append("|---|---:|---|---:|---:|---|")
    for name, r in cmds.items():
        times = ", ".join(f"{x[0] / 1000:.2f}" for x in r)
        codes = ",".join(sorted({str(x[2]) for x in r}))
        out.append(f"| {name} | {fmt(med(size, name))} | {times} | {fmt(cpu(size, name))} | {fmt(peak(size, name))} | {codes} |")
    out.append("")

    def ratio(a, b):
        x, y = med(size, a), med(size, b)
        return x / y if x and y else None

    checks = [
        ("bimtek xlsx / floor xlsx", ratio("bimtek xlsx", "floor xlsx"), "<=", 1.3),
        ("bimtek csv / floor csv", ratio("bimtek csv", "floor csv"), "<=", 2.0),
        ("bimtek country (2 cores) / floor country (1 thread)", ratio("bimtek country", "floor country"), "<=", 0.7),
        ("frictionless xlsx / bimtek xlsx", ratio("frictionless xlsx", "bimtek xlsx"), ">=", 20),
        ("frictionless csv / bimtek csv", ratio("frictionless csv", "bimtek csv"), ">=", 20),
        ("frictionless country / bimtek country", ratio("frictionless country", "bimtek country"), ">=", 30),
        ("qsv csv / bimtek csv", ratio("qsv csv", "bimtek csv"), ">=", 1.5),
        ("qsv excel+validate / bimtek xlsx", ratio("qsv xlsx", "bimtek xlsx"), ">=", 1.5),
    ]
    ev_total, base, listing = med(size, "bimtek country+evidence"), med(size, "bimtek country"), med(size, "list evidence")
    if ev_total and base and listing:
        checks.append(("evidence time (country+evidence minus country) / list evidence",
                       (ev_total - base) / listing, "<", 2.0))
    opened = med(size, "floor evidence (open every file)")
    if ev_total and base and opened:
        # Not a target of the issue: how far from opening every file once.
        checks.append(("for reference: evidence time / open every file (1 thread)",
                       (ev_total - base) / opened, "<", 1.0))
    rss = peak(size, "bimtek xlsx")
    out.append("| target | measured | goal | met |")
    out.append("|---|---:|---|---|")
    for label, value, op, goal in checks:
        if value is None:
            continue
        met = value <= goal if op == "<=" else value >= goal if op == ">=" else value < goal
        out.append(f"| {label} | {value:.2f}x | {op} {goal}x | {'yes' if met else '**no**'} |")
    if rss is not None:
        goal = "<= 300 MB (at 100k)"
        out.append(f"| bimtek xlsx peak RSS | {rss:.0f} MB | {goal} | {'yes' if rss <= 300 else '**no**'} |")
    out.append("")

# Linearity: seconds per 1,000 innovations across sizes.
sizes = list(runs.keys())
if len(sizes) > 1:
    names = [n for n in ["bimtek xlsx", "bimtek csv", "bimtek country", "bimtek country+portal",
                         "bimtek export country", "floor xlsx", "floor csv"]
             if all(n in runs[s] for s in sizes)]
    counts = {}
    for s in sizes:
        try:
            counts[s] = json.load(open(os.path.join(data_dir, s, "manifest.json")))["innovations"]
        except OSError:
            counts[s] = None
    out.append("### Growth: seconds per 1,000 innovations\n")
    out.append("| command | " + " | ".join(sizes) + " |")
    out.append("|---|" + "---:|" * len(sizes))
    for n in names:
        cells = []
        for s in sizes:
            m = med(s, n)
            cells.append(fmt(m / counts[s] * 1000 if m is not None and counts[s] else None))
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    out.append("")

print("\n".join(out))
