#!/usr/bin/python3
"""The peers' load alone, exactly as bench/graph/peers.py times it (igraph: Read_Edgelist +
as_undirected collapse; graph-tool: numpy fromstring + add_edge_list + the collapsed undirected
graph), in CPU seconds, for back-to-back rounds with `graph_bench load`.

Usage: peer_load.py igraph|graph-tool EDGE_FILE
"""
import sys, time, warnings
warnings.filterwarnings("ignore")
tool, path = sys.argv[1:3]
if tool == "igraph":
    import igraph
    c = time.process_time()
    g = igraph.Graph.Read_Edgelist(path, directed=True)
    u = g.as_undirected(mode="collapse")
else:
    import numpy as np
    import graph_tool.all as gt
    c = time.process_time()
    with open(path) as f:
        edges = np.fromstring(f.read(), dtype=np.int64, sep=" ").reshape(-1, 2)
    g = gt.Graph(directed=True)
    g.add_edge_list(edges)
    u = gt.Graph(directed=False)
    u.add_vertex(g.num_vertices())
    u.add_edge_list(np.unique(np.sort(edges, axis=1), axis=0))
    del edges
print("%s %s load cpu %.3f" % (tool, path.split("/")[-1], time.process_time() - c), flush=True)
