#!/usr/bin/python3
"""Measures the figures docs/simulator.md compares: the same statistics on the simulator's
events.csv and on the real timestamped corpora in ../shared/data (Python 3 standard library only).

Figures, all on private person-to-person contact (calls, SMS, messages; public posts excluded):
  degree:       mean and max undirected degree, max/mean, share of nodes with degree >= 3x mean,
                Hill estimate of the CCDF tail exponent over the top 10% of degrees
  reciprocity:  share of directed pairs (a->b) whose reverse (b->a) also occurs
  weight:       share of events on the top 20% of ties; share of ties that carry 80% of events
  circadian:    hourly profile in local time; trough/peak ratio and share of events 00-06 h
  weekly:       weekend-day rate / weekday rate (Sat+Sun vs Mon-Fri), when weekdays are known
  burstiness:   B = (sigma - mu) / (sigma + mu) of inter-event times (Goh & Barabasi, EPL 81:48002,
                2008), averaged over nodes with >= 10 events and over ties with >= 10 events

Usage:
  bench/simulate_stats.py sim DIR/events.csv      # simulator output (local time from +33/+32/
                                                  #  +49/+34/+212 phone numbers: UTC+1)
  bench/simulate_stats.py copenhagen-calls FILE   # timestamp,from,to,duration (t=0: local midnight)
  bench/simulate_stats.py copenhagen-sms FILE
  bench/simulate_stats.py collegemsg FILE         # SRC DST UNIXTS (California, UTC-7)
  bench/simulate_stats.py table DIR/events.csv SHARED_DATA_DIR   # the markdown table of the docs
"""
import csv
import math
import statistics
import sys
from collections import Counter, defaultdict
from datetime import datetime, timezone

PRIVATE_KINDS = {"call", "sms", "message", "media"}
UTC_PLUS_1 = ("+33", "+32", "+49", "+34", "+212")


def read_sim(path):
    """(time_s, src, dst, local_hour_offset or None) for private contact in a simulated case."""
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] not in PRIVATE_KINDS or not r["target"]:
                continue
            t = int(datetime.strptime(r["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())
            tz = 1 if r["platform"] == "phone" and r["source"].startswith(UTC_PLUS_1) else None
            rows.append((t, r["source"], r["target"], tz))
    return rows, True


def read_copenhagen(path):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows.append((int(r["timestamp"]), r["from"], r["to"], 0))
    return rows, False  # day of week unknown: t=0 is a local midnight


def read_collegemsg(path):
    rows = []
    with open(path) as f:
        for line in f:
            s, d, t = line.split()
            rows.append((int(t), s, d, -7))
    return rows, True


def burstiness(times):
    times.sort()
    gaps = [b - a for a, b in zip(times, times[1:])]
    if len(gaps) < 2:
        return None
    mu = statistics.fmean(gaps)
    sigma = statistics.pstdev(gaps)
    return (sigma - mu) / (sigma + mu) if sigma + mu > 0 else None


def measure(rows, weekdays_known):
    directed = Counter()
    tie_weight = Counter()
    node_times = defaultdict(list)
    tie_times = defaultdict(list)
    hours = [0] * 24
    days = [0] * 7
    for t, s, d, tz in rows:
        if s == d:
            continue
        directed[(s, d)] += 1
        tie = (s, d) if s < d else (d, s)
        tie_weight[tie] += 1
        node_times[s].append(t)
        node_times[d].append(t)
        tie_times[tie].append(t)
        if tz is not None:
            local = t + tz * 3600
            hours[(local // 3600) % 24] += 1
            days[(local // 86400 + 3) % 7] += 1  # 1970-01-01 was a Thursday: Monday = 0
    neighbours = defaultdict(set)
    for a, b in tie_weight:
        neighbours[a].add(b)
        neighbours[b].add(a)
    degrees = sorted((len(v) for v in neighbours.values()), reverse=True)
    mean_degree = statistics.fmean(degrees)
    top = degrees[: max(2, len(degrees) // 10)]
    k_min = top[-1]
    hill = len(top) / sum(math.log(k / k_min) for k in top) if any(k > k_min for k in top) else float("nan")
    weights = sorted(tie_weight.values(), reverse=True)
    total = sum(weights)
    top20 = sum(weights[: max(1, len(weights) // 5)]) / total
    running, ties80 = 0, 0
    for w in weights:
        running += w
        ties80 += 1
        if running >= 0.8 * total:
            break
    reciprocal = sum(1 for (s, d) in directed if (d, s) in directed) / len(directed)
    node_b = [b for b in (burstiness(v) for v in node_times.values() if len(v) >= 10) if b is not None]
    tie_b = [b for b in (burstiness(v) for v in tie_times.values() if len(v) >= 10) if b is not None]
    hour_total = sum(hours)
    profile = [24 * h / hour_total for h in hours] if hour_total else []
    weekend = None
    if weekdays_known and sum(days):
        weekend = (statistics.fmean(days[5:]) / statistics.fmean(days[:5]))
    return {
        "events": len(rows),
        "nodes": len(degrees),
        "ties": len(tie_weight),
        "mean degree": mean_degree,
        "max degree": degrees[0],
        "max/mean degree": degrees[0] / mean_degree,
        "nodes with degree >= 3x mean": sum(1 for k in degrees if k >= 3 * mean_degree) / len(degrees),
        "tail exponent (Hill, top 10%)": hill,
        "reciprocity": reciprocal,
        "events on top 20% of ties": top20,
        "ties carrying 80% of events": ties80 / len(weights),
        "burstiness B, nodes": statistics.fmean(node_b) if node_b else float("nan"),
        "burstiness B, ties": statistics.fmean(tie_b) if tie_b else float("nan"),
        "events 00-06 h local": sum(hours[:6]) / hour_total if hour_total else float("nan"),
        "trough/peak hour": min(profile) / max(profile) if profile else float("nan"),
        "weekend/weekday rate": weekend if weekend is not None else float("nan"),
        "_profile": profile,
    }


READERS = {"sim": read_sim, "copenhagen-calls": read_copenhagen, "copenhagen-sms": read_copenhagen,
           "collegemsg": read_collegemsg}


def fmt(v):
    if isinstance(v, int):
        return f"{v:,}"
    if v != v:  # nan
        return "n/a"
    return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"


def table(sim_path, data_dir):
    columns = [("simulated", "sim", sim_path),
               ("Copenhagen calls", "copenhagen-calls", f"{data_dir}/copenhagen-networks-study/calls.csv"),
               ("Copenhagen SMS", "copenhagen-sms", f"{data_dir}/copenhagen-networks-study/sms.csv"),
               ("CollegeMsg", "collegemsg", f"{data_dir}/snap-collegemsg/CollegeMsg.txt")]
    results = [(name, measure(*READERS[kind](path))) for name, kind, path in columns]
    print("| figure | " + " | ".join(name for name, _ in results) + " |")
    print("|---|" + "---|" * len(results))
    for key in results[0][1]:
        if key.startswith("_"):
            continue
        print(f"| {key} | " + " | ".join(fmt(r[key]) for _, r in results) + " |")
    print()
    print("Hourly profile (share of the mean hour, local time, 0-23 h):")
    for name, r in results:
        print(f"- {name}: " + " ".join(f"{x:.2f}" for x in r["_profile"]))


def main(argv):
    if len(argv) == 4 and argv[1] == "table":
        table(argv[2], argv[3])
        return 0
    if len(argv) != 3 or argv[1] not in READERS:
        print(__doc__, file=sys.stderr)
        return 2
    for key, value in measure(*READERS[argv[1]](argv[2])).items():
        if key == "_profile":
            value = " ".join(f"{x:.2f}" for x in value)
        else:
            value = fmt(value)
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
