#!/usr/bin/python3
"""PageRank back to back: runs `BIN pagerank FILE REPS` for each binary in turn, ROUNDS times
(A B A B ...), and prints per binary the CPU seconds of every rep, their min and median, the
sweeps and the residual. The environment passes through (GRAPH_BENCH_PR_SEEDS, say);
THREADS=K runs `BIN pagerank FILE REPS K` (default: graph_bench's, all cores).

Usage: pagerank_back_to_back.py ROUNDS REPS FILE BIN...
"""
import json
import os
import statistics
import subprocess
import sys


def main(rounds, reps, path, bins):
    cpu = {b: [] for b in bins}
    last = {}
    for _ in range(rounds):
        for b in bins:
            cmd = [b, "pagerank", path, str(reps)] + ([os.environ["THREADS"]] if os.environ.get("THREADS") else [])
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            for line in out.splitlines():
                j = json.loads(line)
                if j["kernel"] == "pagerank":
                    cpu[b].append(j["cpu_seconds"])
                    last[b] = (j["iterations"], j["residual"])
    for b in bins:
        c = sorted(cpu[b])
        print(f"{os.path.basename(path)} {os.path.basename(b)} n={len(c)} min={c[0]:.4f} "
              f"median={statistics.median(c):.4f} sweeps={last[b][0]} residual={last[b][1]} "
              f"all={' '.join(f'{x:.4f}' for x in cpu[b])}")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:])
