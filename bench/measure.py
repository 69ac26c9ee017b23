#!/usr/bin/env python3
"""Measurement helper for bench/run (Python 3 standard library only).

  measure.py exec --out FILE [--meta KEY=VALUE ...] -- COMMAND...
      Runs COMMAND (stdin/stdout/stderr inherited), writes FILE (JSON): wall time, exit code,
      CPU user/sys and peak RSS of the child, load average before and after. Exits with the
      child's exit code.
  measure.py check RUN_DIR
      Exits 1 with a message unless RUN_DIR/reports/run-summary.json says "complete".
  measure.py report --cores N WORK_DIR
      Prints the tables for every run folder under WORK_DIR/runs.

A run folder holds measure.json (from exec), reports/run-summary.json (written by the service)
and, when an external replay server was used, access.log (serve.py's: start, end, path, status).
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time


# ---------------------------------------------------------------------------------------------
# exec: one process, measured


def cmd_exec(a):
    meta = dict(kv.split("=", 1) for kv in a.meta)
    load_before = os.getloadavg()
    start = time.monotonic()
    child = subprocess.Popen(a.command)
    # wait4 rather than /usr/bin/time: the rusage is the java process's own (no shell in between),
    # and there is no text output to parse. ru_maxrss is in KiB on Linux.
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    record = {
        "meta": meta,
        "command": a.command,
        "exitCode": child.returncode,
        "wallSeconds": round(wall, 3),
        "userSeconds": round(usage.ru_utime, 3),
        "sysSeconds": round(usage.ru_stime, 3),
        "maxRssKiB": usage.ru_maxrss,
        "loadBefore": [round(x, 2) for x in load_before],
        "loadAfter": [round(x, 2) for x in os.getloadavg()],
    }
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)
    return child.returncode if child.returncode >= 0 else 128 - child.returncode


# ---------------------------------------------------------------------------------------------
# check: the run must have delivered every company


def summary_path(run_dir):
    return os.path.join(run_dir, "reports", "run-summary.json")


def cmd_check(a):
    path = summary_path(a.run_dir)
    if not os.path.isfile(path):
        print(f"bench: FAILED: {path} was not written", file=sys.stderr)
        return 1
    with open(path, encoding="utf-8") as f:
        summary = json.load(f)
    if summary.get("status") != "complete":
        failures = summary.get("failures") or []
        first = f"; first failure: {failures[0]['url']}: {failures[0]['reason']}" if failures else ""
        error = f"; error: {summary['error']}" if summary.get("error") else ""
        print(f"bench: FAILED: run summary status is {summary.get('status')!r}, "
              f"{summary.get('companiesDelivered')}/{summary.get('companiesListed')} companies delivered"
              f"{error}{first} ({path})", file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------------------------------------
# access log: what the server saw


def read_access_log(path):
    """Requests as (start, end, path, status). serve.py also writes a "stall" line when a stall
    begins; the same request gets its real line when it ends, so the marker is skipped here."""
    requests = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4 or parts[3] == "stall":
                continue
            requests.append((float(parts[0]), float(parts[1]), parts[2], parts[3]))
    return requests


def server_view(requests):
    if not requests:
        return None
    # Sweep over start (+1) and end (-1) events. At equal times an end counts first: the log has
    # 0.1 ms resolution, and a request that ends as another starts did not overlap with it.
    events = sorted([(s, 1) for s, _, _, _ in requests] + [(e, -1) for _, e, _, _ in requests],
                    key=lambda ev: (ev[0], ev[1]))
    now = peak = 0
    busy = weighted = 0.0  # seconds with >= 1 request in flight; integral of in-flight over time
    last = events[0][0]
    for t, delta in events:
        if now > 0:
            busy += t - last
            weighted += now * (t - last)
        now += delta
        peak = max(peak, now)
        last = t
    paths = [p for _, _, p, _ in requests]
    index = [r for r in requests if "/index/components/" in r[2]]
    company = [r for r in requests if r[2].startswith("/stocks/")]
    first = min(s for s, _, _, _ in requests)
    return {
        "requests": len(requests),
        "retried": len(paths) - len(set(paths)),  # every request of a path after its first
        "notOk": sum(1 for r in requests if r[3] != "200"),
        "peakInFlight": peak,
        "meanInFlight": weighted / busy if busy else 0.0,
        "span": max(e for _, e, _, _ in requests) - first,
        # phases relative to the first request: when the last index page came back, and how long
        # the company pages took from the first one sent to the last one answered
        "indexDone": max(e for _, e, _, _ in index) - first if index else None,
        "companyPhase": (max(e for _, e, _, _ in company) - min(s for s, _, _, _ in company)) if company else None,
        "companyPeak": peak_of(company),
    }


def peak_of(requests):
    events = sorted([(s, 1) for s, _, _, _ in requests] + [(e, -1) for _, e, _, _ in requests],
                    key=lambda ev: (ev[0], ev[1]))
    now = peak = 0
    for _, delta in events:
        now += delta
        peak = max(peak, now)
    return peak


# ---------------------------------------------------------------------------------------------
# report


def network_bound(latency, index_pages, companies, concurrency):
    """Latency rounds a perfect client needs: index page 1 (it says how many pages there are),
    the other index pages in parallel, then the companies in waves of `concurrency`.
    The CBR fetch runs beside the index and adds nothing."""
    rest = index_pages - 1
    if rest <= 0:
        index_rest = 0
    elif concurrency >= rest:
        index_rest = latency
    else:
        index_rest = math.ceil(rest / concurrency) * latency
    return latency + index_rest + math.ceil(companies / concurrency) * latency


def load_run(run_dir, cores):
    with open(os.path.join(run_dir, "measure.json"), encoding="utf-8") as f:
        m = json.load(f)
    with open(summary_path(run_dir), encoding="utf-8") as f:
        s = json.load(f)
    log = os.path.join(run_dir, "access.log")
    view = server_view(read_access_log(log)) if os.path.isfile(log) else None
    meta = m["meta"]
    latency = float(meta["latencyMs"]) / 1000
    concurrency = int(meta["concurrency"])
    duration = float(s["durationSeconds"])
    parsing = s["companyParsing"]
    net = network_bound(latency, s["indexPages"], s["companiesListed"], concurrency)
    cpu = parsing["millisTotal"] / 1000 / cores
    bound = max(net, cpu)
    return {
        "label": meta["label"],
        "concurrency": concurrency,
        "companies": s["companiesListed"],
        "exit": m["exitCode"],
        "run": duration,
        "proc": m["wallSeconds"],
        "jvm": m["wallSeconds"] - duration,
        "net": net,
        "cpuBound": cpu,
        "bound": bound,
        "limit": "cpu" if cpu > net else "net",
        "ratio": duration / bound if bound > 0 else float("nan"),
        "cpu": m["userSeconds"] + m["sysSeconds"],
        "rss": m["maxRssKiB"] / 1024,
        "cps": s["companiesDelivered"] / duration if duration > 0 else float("nan"),
        "parse": float(parsing["millisPerPage"]),
        "load": m["loadBefore"][0],
        "view": view,
    }


def fmt(value, spec):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return format(value, spec)


COLUMNS = [  # header, key, format, width
    ("run", "label", "", 6), ("conc", "concurrency", "d", 4), ("run s", "run", ".2f", 7),
    ("proc s", "proc", ".2f", 7), ("bound s", "bound", ".2f", 7), ("by", "limit", "", 3),
    ("ratio", "ratio", ".2f", 6), ("cpu s", "cpu", ".1f", 6), ("rss MB", "rss", ".0f", 6),
    ("co/s", "cps", ".1f", 6), ("parse ms/pg", "parse", ".1f", 11), ("inflight", "inflight", "d", 8),
    ("reqs", "requests", "d", 5), ("retried", "retried", "d", 7), ("load1", "load", ".2f", 5),
]


def row(cells):
    return "  ".join(f"{c:>{w}}" if i else f"{c:<{w}}" for i, (c, (_, _, _, w)) in enumerate(zip(cells, COLUMNS)))


def run_cells(r):
    v = r["view"] or {}
    values = dict(r, inflight=v.get("peakInFlight"), requests=v.get("requests"), retried=v.get("retried"))
    return [fmt(values[key], spec) if spec else str(values[key]) for _, key, spec, _ in COLUMNS]


def aggregate_cells(label, runs, pick):
    """min or median of every numeric column over the runs at the chosen concurrency."""
    cells = []
    for _, key, spec, _ in COLUMNS:
        if key == "label":
            cells.append(label)
            continue
        if key == "limit":
            cells.append("")
            continue
        if key in ("inflight", "requests", "retried"):
            values = [(r["view"] or {}).get({"inflight": "peakInFlight"}.get(key, key)) for r in runs]
        else:
            values = [r[key] for r in runs]
        if any(x is None for x in values):
            cells.append("n/a")
            continue
        value = pick(values)
        if spec == "d":  # a median of counts can fall between two runs
            spec = "d" if float(value).is_integer() else ".1f"
            value = int(value) if spec == "d" else value
        cells.append(fmt(value, spec))
    return cells


def print_goals(main, seq):
    """The service's targets (set for L=100 ms, concurrency 32). The ratio is taken against the
    network bound: the summary-based cpu bound is not a lower bound (see the note above)."""
    median_run = statistics.median(r["run"] for r in main)
    checks = []
    if main[0]["net"] > 0:
        checks.append(("ratio run/network bound (median)", median_run / main[0]["net"], "<=", 1.3))
    if seq:
        checks.append(("speed-up", seq[0]["run"] / median_run, ">=", 20))
    checks.append(("peak RSS MB (max)", max(r["rss"] for r in main), "<=", 512))
    checks.append(("parse ms/page (summary, median)", statistics.median(r["parse"] for r in main), "<=", 5))
    parts = []
    for name, value, op, goal in checks:
        met = value <= goal if op == "<=" else value >= goal
        parts.append(f"{name} {value:.2f} {op} {goal}: {'met' if met else 'NOT met'}")
    print("goals: " + "; ".join(parts))


def cmd_report(a):
    runs_dir = os.path.join(a.work_dir, "runs")
    runs = [load_run(os.path.join(runs_dir, d), a.cores) for d in sorted(os.listdir(runs_dir))
            if os.path.isfile(os.path.join(runs_dir, d, "measure.json"))]
    main = [r for r in runs if not r["label"].startswith("seq")]
    seq = [r for r in runs if r["label"].startswith("seq")]
    if not main:
        print("bench: no runs to report", file=sys.stderr)
        return 1
    first = main[0]
    print(f"sp500-rub benchmark  {a.title}")
    print(f"cores {a.cores}; load average at start {a.load_at_start}; JAVA_OPTS={a.java_opts or '(none)'}")
    print()
    print(row([h for h, _, _, _ in COLUMNS]))
    print(row(["-" * w for _, _, _, w in COLUMNS]))
    for r in main:
        print(row(run_cells(r)))
    print(row(["-" * w for _, _, _, w in COLUMNS]))
    print(row(aggregate_cells("min", main, min)))
    print(row(aggregate_cells("median", main, statistics.median)))
    for r in seq:
        print(row(run_cells(r)))
    print()
    jvm = [r["jvm"] for r in main]
    print(f"JVM start-up + shutdown (process wall - run duration): min {min(jvm):.2f} s, "
          f"median {statistics.median(jvm):.2f} s")
    print(f"lower bound = max(network, cpu); network = L + L + ceil(companies/concurrency)*L "
          f"= {first['net']:.2f} s at concurrency {first['concurrency']}; "
          f"cpu = companyParsing.millisTotal (parse CPU time) / {a.cores} cores = {min(r['cpuBound'] for r in main):.2f}"
          f"..{max(r['cpuBound'] for r in main):.2f} s")
    print("ratio vs network bound alone: " + ", ".join(
        f"{r['label']} {r['run'] / r['net']:.2f}" if r["net"] > 0 else f"{r['label']} n/a" for r in main + seq))
    if seq:
        median_run = statistics.median(r["run"] for r in main)
        s = seq[0]
        print(f"speed-up: sequential {s['run']:.2f} s / median {median_run:.2f} s at concurrency "
              f"{first['concurrency']} = {s['run'] / median_run:.1f}x")
    print_goals(main, seq)
    views = [r for r in main + seq if r["view"]]
    if views:
        print()
        print("server view (access log): in-flight peak / time-weighted mean while busy; seconds from the "
              "first request")
        print(f"{'run':<6}  {'peak':>4}  {'company peak':>12}  {'mean':>5}  {'index done s':>12}  "
              f"{'company phase s':>15}  {'span s':>6}  {'not 200':>7}")
        for r in views:
            v = r["view"]
            print(f"{r['label']:<6}  {v['peakInFlight']:>4}  {v['companyPeak']:>12}  {v['meanInFlight']:>5.1f}  "
                  f"{fmt(v['indexDone'], '.2f'):>12}  {fmt(v['companyPhase'], '.2f'):>15}  {v['span']:>6.2f}  "
                  f"{v['notOk']:>7}")
    else:
        print("peak in-flight: n/a (the site was served inside the JVM; no access log)")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("exec")
    e.add_argument("--out", required=True)
    e.add_argument("--meta", action="append", default=[])
    e.add_argument("command", nargs=argparse.REMAINDER)
    c = sub.add_parser("check")
    c.add_argument("run_dir")
    r = sub.add_parser("report")
    r.add_argument("--cores", type=int, required=True)
    r.add_argument("--title", default="")
    r.add_argument("--load-at-start", default="?")
    r.add_argument("--java-opts", default="")
    r.add_argument("work_dir")
    a = ap.parse_args()
    if a.cmd == "exec":
        if a.command and a.command[0] == "--":
            a.command = a.command[1:]
        return cmd_exec(a)
    if a.cmd == "check":
        return cmd_check(a)
    return cmd_report(a)


if __name__ == "__main__":
    sys.exit(main())
