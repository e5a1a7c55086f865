#!/usr/bin/python3
"""The peers' load alone, with bench/graph/peers.py's own loaders (igraph: Read_Edgelist +
as_undirected collapse; graph-tool: numpy fromstring + add_edge_list + the collapsed undirected
graph), in CPU seconds, for back-to-back rounds with `graph_bench load`.

Usage: peer_load.py igraph|graph-tool EDGE_FILE
"""
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402

warnings.filterwarnings("ignore")
if len(sys.argv) != 3 or sys.argv[1] not in ("igraph", "graph-tool"):
    sys.exit(__doc__)
tool, path = sys.argv[1:3]
load = peers.load_igraph if tool == "igraph" else peers.load_graph_tool
c = time.process_time()
g, u = load(path)
print("%s %s load cpu %.3f" % (tool, path.split("/")[-1], time.process_time() - c), flush=True)
