#!/usr/bin/python3
"""Prints the ratio table of bench/graph_vs_peers.sh from its JSON lines (stdin or files).

For every graph and kernel: each tool's seconds, and Linchpin's speed-up over the fastest peer
(peer seconds / Linchpin seconds), without and with load. Then memory per edge and PageRank arcs
per second per core against the machine's random-access limit.

A file may hold several runs of each tool on each graph (graph_vs_peers.sh RUNS=N): every figure
is then the least of them, for each tool alike, so a run slowed by the machine's other work
does not set a ratio.
"""
import fileinput
import json

RANDOM_READS_PER_CORE = 70e6  # 4-byte random reads per second per core on this machine
TOOLS = ["linchpin", "igraph", "graph-tool", "networkx"]
KERNELS = ["pagerank", "components", "kcore", "community", "leiden", "betweenness_sampled", "shortest_paths"]


def fmt(x, bound=False):
    return "—" if x is None else (">= " if bound else "") + (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def seconds(rows, g, t, k, field):
    """(seconds, is_lower_bound), the least over the runs: a kernel stopped by
    PEER_KERNEL_TIMEOUT counts as at least the time it ran (the longest such, if no run
    finished)."""
    runs = rows.get((g, t, k), [])
    finished = [r[field] for r in runs if r.get(field) is not None]
    if finished:
        return min(finished), False
    bounds = [r["lower_bound_" + field] for r in runs if r.get("lower_bound_" + field) is not None]
    if bounds:
        return max(bounds), True
    return None, False


def fastest_run(rows, key):
    """The run of one tool's kernel on one graph with the least wall time, or {}."""
    runs = [r for r in rows.get(key, []) if r.get("seconds") is not None]
    return min(runs, key=lambda r: r["seconds"]) if runs else {}


def main():
    rows = {}
    for line in fileinput.input():
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            rows.setdefault((r["graph"], r["tool"], r["kernel"]), []).append(r)
    graphs = sorted({g for g, _, _ in rows}, key=lambda g: (g.split("-")[0], int(g.split("-")[1].rstrip("M"))))
    runs = {f"{g} {t}": len(rows[(g, t, "load")]) for g in graphs for t in TOOLS if (g, t, "load") in rows}
    print("Runs per graph and tool (each figure is the least of them): " +
          ", ".join(f"{k} {n}" for k, n in runs.items()) + "\n")
    for field, title in (("seconds", "Wall-clock seconds"), ("cpu_seconds", "CPU seconds (user + system, all threads)")):
        print(f"{title}; speed-up = fastest peer / Linchpin\n")
        ratio_table(rows, graphs, field)
        print()
    memory_table(rows, graphs)


def ratio_table(rows, graphs, field):
    print("| graph | kernel | " + " | ".join(f"{t} s" for t in TOOLS) +
          " | fastest peer | speed-up (load excl.) | speed-up (load incl.) |")
    print("|---" * (len(TOOLS) + 5) + "|")
    for g in graphs:
        load = {t: seconds(rows, g, t, "load", field)[0] for t in TOOLS}
        for k in ["load"] + KERNELS:
            secs = {t: seconds(rows, g, t, k, field) for t in TOOLS}
            peers = {t: s for t, (s, _) in secs.items() if t != "linchpin" and s is not None}
            ours = secs["linchpin"][0]
            if not peers or ours is None:
                best, excl, incl = "—", "—", "—"
            else:
                # A bound is the fastest peer only if no finished peer was faster; the ratio is
                # then a lower bound too.
                best = min(peers, key=peers.get)
                ge = ">= " if secs[best][1] else ""
                excl = f"{ge}{peers[best] / ours:.1f}x"
                if k == "load" or load[best] is None or load["linchpin"] is None:
                    incl = excl if k == "load" else "—"
                else:
                    incl = f"{ge}{(peers[best] + load[best]) / (ours + load['linchpin']):.1f}x"
            print(f"| {g} | {k} | " + " | ".join(fmt(*secs[t]) for t in TOOLS) + f" | {best} | {excl} | {incl} |")


def memory_table(rows, graphs):
    print("| graph | " + " | ".join(f"{t} B/edge (RSS)" for t in TOOLS) + " | linchpin graph B/edge | PageRank arcs/s (wall) | per CPU-second | CPU-second vs 70M random reads/s |")
    print("|---" * (len(TOOLS) + 5) + "|")
    for g in graphs:
        mem = [min((r["rss_bytes_per_edge"] for r in rows.get((g, t, "load"), []) if r.get("rss_bytes_per_edge")),
                   default=None) for t in TOOLS]
        ours = fastest_run(rows, (g, "linchpin", "load"))
        prr = fastest_run(rows, (g, "linchpin", "pagerank"))
        per_core = prr.get("arcs_per_second_per_core")
        # graph_bench divides arcs * iterations / wall by the threads it allowed, but PageRank may
        # run on fewer (one, below one core's L2): the wall rate is shown for the whole run, and
        # the per-core figure to set beside the random-read limit is the one per CPU-second.
        pr = per_core * ours.get("threads", 1) if per_core else None
        per_cpu = pr * prr["seconds"] / prr["cpu_seconds"] if pr and prr.get("cpu_seconds") else None
        print(f"| {g} | " + " | ".join("—" if m is None else f"{m:.0f}" for m in mem) +
              f" | {ours.get('graph_bytes_per_edge', 0):.0f} | " +
              ("—" if pr is None else f"{pr / 1e6:.0f}M") + " | " +
              ("—" if per_cpu is None else f"{per_cpu / 1e6:.0f}M | {per_cpu / RANDOM_READS_PER_CORE:.2f}x") + " |")


if __name__ == "__main__":
    main()
