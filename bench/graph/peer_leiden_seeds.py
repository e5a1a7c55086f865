#!/usr/bin/python3
"""igraph's Leiden (as peers.py runs it) over several seeds: its modularity and CPU seconds, to
compare quality with Linchpin's Leiden seed by seed (graph_bench with GRAPH_BENCH_SEED).
python-igraph draws from Python's `random`, so random.seed(S) seeds it.

Usage: peer_leiden_seeds.py EDGE_FILE SEED...
"""
import random
import sys
import time

import igraph


def main(path, seeds):
    u = igraph.Graph.Read_Edgelist(path, directed=True).as_undirected(mode="collapse")
    for seed in seeds:
        random.seed(seed)
        t = time.process_time()
        comm = u.community_leiden(objective_function="modularity", n_iterations=-1)
        cpu = time.process_time() - t
        print(f"{path} seed {seed} cpu {cpu:.3f} communities {len(comm)} "
              f"modularity {u.modularity(comm.membership):.5f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], [int(s) for s in sys.argv[2:]])
