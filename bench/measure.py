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
  measure.py site-variant BASE_SITE OUT_DIR --company-pages 503|unknown-layout
      Writes OUT_DIR/site.tsv: BASE_SITE's manifest (its files by absolute path, nothing copied)
      whose every company route answers 503, or a page of another layout (the site's index page 1).
  measure.py scenarios --latency-ms L --concurrency C WORK_DIR
      Prints the scenario table (bench/run --scenario) for WORK_DIR/scenarios/NAME/repK/runN and
      checks issue 10's goals.

A run folder holds measure.json (from exec), reports/run-summary.json (written by the service)
and, when an external replay server was used, access.log (serve.py's: start, end, path, status).
"""
import argparse
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import threading
import time


# ---------------------------------------------------------------------------------------------
# exec: one process, measured


def cmd_exec(a):
    meta = dict(kv.split("=", 1) for kv in a.meta)
    load_before = os.getloadavg()
    start = time.monotonic()
    child = subprocess.Popen(a.command)
    timed_out = []
    reaped = []
    if a.timeout > 0:
        # A watchdog for the bench, not for the service: a run against a failing site must not hold
        # the benchmark for the service's own scrape.run-timeout (30 min). SIGTERM lets it stop
        # cleanly; SIGKILL 30 s later if it has not. Signals only (os.kill): the main thread alone
        # reaps the child, with wait4.
        def signal_child(sig):
            if not reaped:
                timed_out.append(sig)
                os.kill(child.pid, sig)
        timers = [threading.Timer(a.timeout, signal_child, (signal.SIGTERM,)),
                  threading.Timer(a.timeout + 30, signal_child, (signal.SIGKILL,))]
        for t in timers:
            t.daemon = True
            t.start()
    # wait4 rather than /usr/bin/time: the rusage is the java process's own (no shell in between),
    # and there is no text output to parse. ru_maxrss is in KiB on Linux.
    _, status, usage = os.wait4(child.pid, 0)
    reaped.append(True)
    if a.timeout > 0:
        for t in timers:
            t.cancel()
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
    if a.timeout > 0:
        record["timedOutAfter"] = a.timeout if timed_out else None
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


# ---------------------------------------------------------------------------------------------
# scenarios (bench/run --scenario): issue 10's sites that defend themselves, through the service

# name, serve.py flags, site variant (None: the built site), what it plays
SCENARIOS = [
    ("clean", [], None, "clean"),
    ("cap8", ["--max-inflight", "8"], None, "429 above 8 in flight"),
    ("cap8-no-retry-after", ["--max-inflight", "8", "--retry-after", "none"], None, "same, no Retry-After"),
    ("rate50", ["--rate-limit", "50"], None, "429 above 50 requests/s"),
    ("slow5", ["--slow-rate", "0.05", "--slow-ms", "2000"], None, "5 % of pages 2 s late"),
    ("stall2", ["--fault-rate", "0.02", "--faults", "stall"], None, "2 % of pages stall 30 s"),
    ("faults20", ["--fault-rate", "0.2", "--faults", "503,429,reset"], None, "20 % fail once: 503, 429, reset"),
    ("companies-503", [], "503", "every company page 503 for ever"),
    ("unknown-layout", [], "unknown-layout", "every company page in an unknown layout"),
]
SCENARIO_NAMES = [name for name, _, _, _ in SCENARIOS]
# What the full replay holds, for the bounds of runs that never read the index.
SITE_INDEX_PAGES, SITE_COMPANIES = 11, 496


def cmd_scenario_list(a):
    """One line per scenario for bench/run: name, TAB, site variant or "-", TAB, serve.py flags."""
    for name, flags, variant, _ in SCENARIOS:
        print(f"{name}\t{variant or '-'}\t{' '.join(flags)}")
    return 0


# A page of another layout, real bytes of the same site: the index page 1 served for every company.
UNKNOWN_LAYOUT_PAGE = "/index/components/s&p_500?p=1"


def cmd_site_variant(a):
    base = os.path.abspath(a.base)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(base, "site.tsv"), encoding="utf-8") as f:
        header = next(f)
        rows = [line.rstrip("\n").split("\t") for line in f]
    files = {path: os.path.join(base, name) for path, _, _, name in rows}
    if a.company_pages == "503":
        page = os.path.join(os.path.abspath(a.out), "service-unavailable.txt")
        with open(page, "w", encoding="utf-8") as f:
            f.write("service unavailable\n")
        company = ("503", "text/plain", page)
    else:
        company = ("200", "text/html; charset=utf-8", files[UNKNOWN_LAYOUT_PAGE])
    with open(os.path.join(a.out, "site.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        for path, status, ctype, _ in rows:
            fields = (path,) + company if path.startswith("/stocks/") else (path, status, ctype, files[path])
            f.write("\t".join(fields) + "\n")
    return 0


def scenario_view(path):
    """What the site saw of one run. Requests: every line but a stall's closing one (its opening
    "stall" line counts it; the closing line may never come if the server stops first). A path's
    answer is its first 200 (a hedge's loser may be logged later, or not at all), else its last line;
    span = first request to the last answer."""
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                lines.append((float(parts[0]), float(parts[1]), parts[2], parts[3]))
    requests = [l for l in lines if l[3] != "-2"]
    if not requests:
        return None
    answered, last = {}, {}
    for start, end, p, status in lines:
        if status == "200":
            answered[p] = min(answered.get(p, end), end)
        last[p] = max(last.get(p, end), end)
    answers = [answered.get(p, last[p]) for p in last]
    timed = [l for l in lines if l[3] != "stall"]  # the real start-end of each request that ended
    return {
        "requests": len(requests),
        "pages": len({p for _, _, p, _ in requests}),
        "companyRequests": sum(1 for l in requests if l[2].startswith("/stocks/")),
        "status429": sum(1 for l in requests if l[3] == "429"),
        "span": max(answers) - min(s for s, _, _, _ in requests),
        "peakInFlight": peak_of(timed),
    }


def scenario_bound(name, latency, concurrency, index_pages, companies):
    """The network bound at the site's limit, in seconds (None for the failing sites).
    A concurrency cap C: network_bound at min(C, scrape.concurrency), i.e. index page 1, pages 2..N
    in rounds of C, the companies in rounds of C. A rate R: the pages (index, companies, the CBR:
    508) / R, as R requests a second is all the site lets through."""
    if name in ("companies-503", "unknown-layout"):
        return None
    flags = next(f for n, f, _, _ in SCENARIOS if n == name)

    def flag(key):
        return flags[flags.index(key) + 1] if key in flags else None
    if flag("--rate-limit"):
        return (index_pages + companies + 1) / float(flag("--rate-limit"))
    limit = min(int(flag("--max-inflight") or concurrency), concurrency)
    return network_bound(latency, index_pages, companies, limit)


def read_json(path):
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_text(path):
    if not os.path.isfile(path):
        return ""
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


def load_scenario_run(run_dir, latency, concurrency):
    m = read_json(os.path.join(run_dir, "measure.json"))
    s = read_json(os.path.join(run_dir, "summary.json")) or {}
    log = os.path.join(run_dir, "access.log")
    view = scenario_view(log) if os.path.isfile(log) else None
    meta = m["meta"]
    name = meta["scenario"]
    status = s.get("status", "no summary")
    failed = status not in ("complete", "partial")
    listed = s.get("companiesListed") or 0
    delivered = s.get("companiesDelivered") or 0
    index_pages = s.get("indexPages") or SITE_INDEX_PAGES
    bound = scenario_bound(name, latency, concurrency, index_pages, listed or SITE_COMPANIES)
    fetching = s.get("fetching") or {}
    reason = s.get("error") or ("" if not failed else
                                f"no summary written (exit {m['exitCode']}; see {run_dir}/java.log)")
    if m.get("timedOutAfter"):
        reason = f"stopped by the bench after {m['timedOutAfter']:.0f} s; " + reason
    span = view["span"] if view else float(s.get("durationSeconds", "nan"))
    rejects = read_text(os.path.join(run_dir, "rejects.txt"))
    return {
        "scenario": name, "rep": int(meta["rep"]), "run": int(meta["run"]),
        "exit": m["exitCode"], "status": status, "failed": failed, "reason": reason,
        "span": span, "spanFrom": "access log" if view else "run duration",
        "bound": bound, "ratio": span / bound if bound else None,
        "requests": view["requests"] if view else fetching.get("requests"),
        "pages": view["pages"] if view else None,
        "companyRequests": view["companyRequests"] if view else None,
        "status429": view["status429"] if view else None,
        "peak": view["peakInFlight"] if view else None,
        "hedges": fetching.get("hedges"), "hedgesWon": fetching.get("hedgesWon"),
        "retries": fetching.get("retries"), "throttleWaits": fetching.get("throttleWaits"),
        "limit": fetching.get("concurrencyLimit"),
        "listed": listed, "lost": (listed or SITE_COMPANIES) if failed else listed - delivered,
        "learnedBefore": read_text(os.path.join(run_dir, "limit-before.txt")) or "(nothing)",
        "learnedAfter": read_text(os.path.join(run_dir, "limit-after.txt")) or "(nothing)",
        "rejects": int(rejects) if rejects.isdigit() else None,
        "load": m["loadBefore"][0], "loadAfter": m["loadAfter"][0],
    }


SCENARIO_COLUMNS = [  # header, key, format
    ("scenario", "scenario", ""), ("rep", "rep", ""), ("run", "run", "d"), ("span s", "span", ".2f"), ("bound s", "bound", ".2f"),
    ("ratio", "ratio", ".2f"), ("requests", "requests", "d"), ("company reqs", "companyRequests", "d"),
    ("429s", "status429", "d"), ("hedges", "hedges", "d"), ("retries", "retries", "d"),
    ("throttle waits", "throttleWaits", "d"), ("peak in flight", "peak", "d"), ("limit", "limit", "d"),
    ("lost", "lost", ""), ("load1", "load", ".2f"),
]


def scenario_cell(value, spec):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if spec == "d" and isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"  # a median of counts between two runs
    if spec == "d":
        return str(int(value))
    return format(value, spec) if spec else str(value)


def print_scenario_table(rows, title):
    cells = [[h for h, _, _ in SCENARIO_COLUMNS]] + [
        [scenario_cell(r[k], spec) for _, k, spec in SCENARIO_COLUMNS] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(SCENARIO_COLUMNS))]
    print(title)
    for i, c in enumerate(cells):
        print("| " + " | ".join(x.ljust(w) if j == 0 else x.rjust(w) for j, (x, w) in enumerate(zip(c, widths))) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def lost_cell(runs):
    failed = [r for r in runs if r["failed"]]
    most = max(r["lost"] for r in runs)
    if failed:
        return f"{most} (run failed{'' if len(failed) == len(runs) else f' {len(failed)} of {len(runs)}'})"
    return str(most) if len(runs) == 1 else f"{most} (max)"


def median_row(runs):
    row = dict(runs[0])
    for key in ("span", "bound", "ratio", "requests", "pages", "companyRequests", "status429", "peak", "hedges",
                "hedgesWon", "retries", "throttleWaits", "limit", "load"):
        values = [r[key] for r in runs if r[key] is not None]
        row[key] = statistics.median(values) if values else None
    row["lost"] = lost_cell(runs)
    row["rep"] = "median" if len(runs) > 1 else runs[0]["rep"]
    row["spans"] = [r["span"] for r in runs]
    return row


def check(name, value, op, goal, text=None, goal_text=None):
    met = value is not None and (value <= goal if op == "<=" else value >= goal if op == ">=" else value == goal)
    shown = text or (f"{value:.2f}" if isinstance(value, float) else str(value))
    return met, f"{name} {shown} {op} {goal_text or (f'{goal:.2f}' if isinstance(goal, float) else goal)}"


def scenario_goals(name, run, runs, med, clean):
    """Issue 10's goals for one scenario and run number (medians over the repetitions; "every run"
    conditions over each of them). Returns [(met, text)]."""
    n = len(runs)
    completed = sum(1 for r in runs if not r["failed"])
    lost = max(r["lost"] for r in runs)
    every_run = [check("runs completed", completed, "==", n, f"{completed} of {n}"),
                 check("companies lost (max)", lost, "==", 0)]
    out = []
    if name == "clean":
        extra = max(r["requests"] - r["pages"] for r in runs) if all(r["pages"] is not None for r in runs) else None
        out += every_run
        out.append(check("ratio", med["ratio"], "<=", 1.15))
        if extra is not None:
            out.append(check("requests - pages (max)", extra, "==", 0,
                             f"{extra} ({med['requests']:.0f} requests for {med['pages']:.0f} pages)"))
        out.append(check("hedges (max)", max(r["hedges"] or 0 for r in runs), "==", 0))
    elif name in ("cap8", "cap8-no-retry-after", "rate50"):
        out += every_run
        out.append(check("span / bound", med["ratio"], "<=", 1.3,
                         f"{med['span']:.2f} / {med['bound']:.2f} = {med['ratio']:.2f}"))
        share = med["status429"] / med["requests"] if med["requests"] else None
        out.append(check("429s / requests", share, "<=", 0.05,
                         f"{med['status429']:.0f} / {med['requests']:.0f} = {100 * share:.1f} %" if share is not None else "n/a",
                         "5 %"))
    elif name in ("slow5", "stall2", "faults20"):
        out += every_run
        factor = 2.0 if name == "faults20" else 1.3
        if clean is None:
            out.append((None, "span and requests vs clean: the clean scenario was not run in this invocation"))
        else:
            out.append(check("span / clean span", med["span"] / clean["span"], "<=", factor,
                             f"{med['span']:.2f} / {clean['span']:.2f} = {med['span'] / clean['span']:.2f}"))
            if name != "faults20":
                out.append(check("requests / clean requests", med["requests"] / clean["requests"], "<=", 1.05,
                                 f"{med['requests']:.0f} / {clean['requests']:.0f} = {med['requests'] / clean['requests']:.3f}"))
    elif name == "companies-503":
        failed = sum(1 for r in runs if r["failed"] and r["reason"])
        out.append(check("runs failed with a reason", failed, "==", n, f"{failed} of {n}"))
        pages = max(r["listed"] or SITE_COMPANIES for r in runs)
        most = max(r["companyRequests"] or 0 for r in runs)
        out.append(check(f"company requests (max) vs 1.2 x {pages} pages", most, "<=", int(1.2 * pages)))
    elif name == "unknown-layout":
        failed = sum(1 for r in runs if r["failed"] and r["reason"])
        out.append(check("runs failed with a reason", failed, "==", n, f"{failed} of {n}"))
        out.append(check("company requests (max)", max(r["companyRequests"] or 0 for r in runs), "<=", 10))
        saved = sum(1 for r in runs if r["rejects"])
        out.append(check("runs with pages saved under rejects/", saved, "==", n,
                         f"{saved} of {n} ({', '.join(str(r['rejects']) for r in runs)} pages)"))
    return out


def cmd_scenarios(a):
    base = os.path.join(a.work_dir, "scenarios")
    runs = []
    for name in SCENARIO_NAMES:
        folder = os.path.join(base, name)
        if not os.path.isdir(folder):
            continue
        for rep in sorted(os.listdir(folder)):
            for run in ("run1", "run2"):
                d = os.path.join(folder, rep, run)
                if os.path.isfile(os.path.join(d, "measure.json")):
                    runs.append(load_scenario_run(d, a.latency_ms / 1000, a.concurrency))
    if not runs:
        print("bench: no scenario runs to report", file=sys.stderr)
        return 1
    reps = max(r["rep"] for r in runs)
    loads = [r["load"] for r in runs] + [r["loadAfter"] for r in runs]
    print(f"issue 10 scenarios through bin/sp500-rub --once (latency {a.latency_ms:.0f} ms, scrape.concurrency "
          f"{a.concurrency}); {reps} repetition(s) of two runs on one reports folder: run 1 with nothing learned, "
          f"run 2 from its site-limit.txt")
    print(f"cores {a.cores}; load average (1 min) over the runs {min(loads):.2f}-{max(loads):.2f}, median "
          f"{statistics.median(loads):.2f}")
    print()
    print_scenario_table(runs, "every run:")
    groups = {}
    for r in runs:
        groups.setdefault((r["scenario"], r["run"]), []).append(r)
    medians = {key: median_row(group) for key, group in groups.items()}
    if reps > 1:
        print()
        print_scenario_table(list(medians.values()), f"medians of {reps} repetitions (lost: the worst run):")
        print("spans of every repetition: " + "; ".join(
            f"{k[0]} run {k[1]}: {', '.join(f'{x:.2f}' for x in m['spans'])}" for k, m in medians.items()))
    print()
    print("span: first request to last answer in serve.py's access log (a path's answer is its first 200); "
          "requests, company reqs, 429s, peak in flight: the access log; hedges, retries, throttle waits, limit "
          "(at the run's end): run-summary.json's \"fetching\"; lost: listed - delivered, or every company when "
          "the run failed")
    latency = a.latency_ms / 1000
    print(f"bound: a concurrency cap C (and scrape.concurrency {a.concurrency} when the site has none): "
          f"L + ceil((pages - 1) / C) x L + ceil(companies / C) x L (index page 1, the other index pages, the "
          f"companies), {network_bound(latency, 11, 496, a.concurrency):.2f} s at {a.concurrency}, "
          f"{network_bound(latency, 11, 496, 8):.2f} s at 8; a rate limit R: (index pages + companies + the CBR) / R "
          f"= 508 / 50 = {508 / 50:.2f} s")
    failures = [r for r in runs if r["reason"]]
    if failures:
        print("failed runs:")
        for r in failures:
            extra = f", {r['rejects']} page(s) saved under rejects/" if r["rejects"] else ""
            print(f"  {r['scenario']} rep {r['rep']} run {r['run']}: {r['companyRequests']} company requests{extra}: "
                  f"{r['reason']}")
    print("learned (site-limit.txt before -> after each run):")
    for r in runs:
        print(f"  {r['scenario']} rep {r['rep']} run {r['run']}: {r['learnedBefore']} -> {r['learnedAfter']}")
    print()
    all_met = True
    for (name, run), med in medians.items():
        clean = medians.get(("clean", run))
        goals = scenario_goals(name, run, groups[(name, run)], med, clean)
        if not goals:
            continue
        all_met &= all(met is not False for met, _ in goals)
        print(f"goals {name} run {run}: " + "; ".join(
            f"{text}: {'met' if met else 'not checked' if met is None else 'NOT met'}" for met, text in goals))
    return 0 if all_met else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("exec")
    e.add_argument("--out", required=True)
    e.add_argument("--meta", action="append", default=[])
    e.add_argument("--timeout", type=float, default=0,
                   help="seconds after which the child gets SIGTERM (then SIGKILL 30 s later); 0: none")
    e.add_argument("command", nargs=argparse.REMAINDER)
    c = sub.add_parser("check")
    c.add_argument("run_dir")
    r = sub.add_parser("report")
    r.add_argument("--cores", type=int, required=True)
    r.add_argument("--title", default="")
    r.add_argument("--load-at-start", default="?")
    r.add_argument("--java-opts", default="")
    r.add_argument("work_dir")
    sub.add_parser("scenario-list")
    v = sub.add_parser("site-variant")
    v.add_argument("base")
    v.add_argument("out")
    v.add_argument("--company-pages", choices=["503", "unknown-layout"], required=True)
    sc = sub.add_parser("scenarios")
    sc.add_argument("--latency-ms", type=float, required=True)
    sc.add_argument("--concurrency", type=int, required=True)
    sc.add_argument("--cores", type=int, default=os.cpu_count())
    sc.add_argument("work_dir")
    a = ap.parse_args()
    if a.cmd == "scenario-list":
        return cmd_scenario_list(a)
    if a.cmd == "site-variant":
        return cmd_site_variant(a)
    if a.cmd == "scenarios":
        return cmd_scenarios(a)
    if a.cmd == "exec":
        if a.command and a.command[0] == "--":
            a.command = a.command[1:]
        return cmd_exec(a)
    if a.cmd == "check":
        return cmd_check(a)
    return cmd_report(a)


if __name__ == "__main__":
    sys.exit(main())
