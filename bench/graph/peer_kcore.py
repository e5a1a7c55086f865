#!/usr/bin/python3
"""k-core alone for one peer, with peers.py's loaders and timers: for re-measuring the k-core
row at 10M edges without rerunning every peer kernel (igraph's community detection alone takes
minutes there).

Usage: peer_kcore.py igraph|graph-tool EDGE_FILE
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def main(tool, path):
    if tool == "igraph":
        import igraph
        u = igraph.Graph.Read_Edgelist(path, directed=True).as_undirected(mode="collapse")
        s, core = peers.timed(lambda: u.coreness())
        peers.report("igraph", "kcore", s, max_core=max(core))
    elif tool == "graph-tool":
        import numpy as np
        import graph_tool.all as gt
        with open(path) as f:
            edges = np.fromstring(f.read(), dtype=np.int64, sep=" ").reshape(-1, 2)
        u = gt.Graph(directed=False)  # the simple undirected graph, as peers.py builds it
        u.add_vertex(int(edges.max()) + 1)
        u.add_edge_list(np.unique(np.sort(edges, axis=1), axis=0))
        del edges
        s, core = peers.timed(lambda: gt.kcore_decomposition(u))
        peers.report("graph-tool", "kcore", s, max_core=int(core.a.max()))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
