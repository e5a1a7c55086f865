#!/usr/bin/python3
"""PageRank alone for one peer, with peers.py's loaders and timers, REPS times on one load: for
re-measuring the PageRank row beside Linchpin's `graph_bench pagerank FILE REPS` in the same
minutes, without rerunning every peer kernel.

Usage: peer_pagerank.py igraph|graph-tool EDGE_FILE REPS
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def main(tool, path, reps):
    if tool == "igraph":
        g, _ = peers.load_igraph(path)
        run = lambda: g.pagerank(directed=True, damping=0.85)  # noqa: E731
    elif tool == "graph-tool":
        import graph_tool.all as gt
        g, _ = peers.load_graph_tool(path)
        run = lambda: gt.pagerank(g, damping=0.85, epsilon=1e-9)  # noqa: E731
    else:
        sys.exit(__doc__)
    for _ in range(reps):
        s, _ = peers.timed(run)
        peers.report(tool, "pagerank", s)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
