#!/usr/bin/python3
"""graph-tool's sampled betweenness alone, with peers.py's graph and timers: for re-measuring
the betweenness row at 10M edges back to back with Linchpin's, without rerunning every peer
kernel. (python-igraph has no source-subset betweenness.)

Usage: peer_betweenness.py EDGE_FILE SOURCES_FILE
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def main(path, sources_path):
    import numpy as np
    import graph_tool.all as gt
    with open(path) as f:
        edges = np.fromstring(f.read(), dtype=np.int64, sep=" ").reshape(-1, 2)
    with open(sources_path) as f:
        sources = [int(x) for x in f.read().split()]
    u = gt.Graph(directed=False)  # the simple undirected graph, as peers.py builds it
    u.add_vertex(int(edges.max()) + 1)
    u.add_edge_list(np.unique(np.sort(edges, axis=1), axis=0))
    del edges
    pivots = np.array(sources, dtype=np.int64)
    s, _ = peers.timed(lambda: gt.betweenness(u, pivots=pivots))
    peers.report("graph-tool", "betweenness_sampled", s, sources=len(sources), threads=gt.openmp_get_num_threads())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
