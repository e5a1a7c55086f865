#!/usr/bin/python3
"""The peers' side of bench/graph_vs_peers.sh: python-igraph, graph-tool or networkx on the same
edge list ("u v" lines) and the same sources as graph_bench, one JSON object per line.

Usage: peers.py igraph|graph-tool|networkx EDGE_FILE SOURCES_FILE

Load = reading the file with the tool's fastest loader plus the simple undirected graph that
k-core and community detection need (as Linchpin's load includes its undirected view).
Kernels the tool lacks are reported with "seconds": null and a note. igraph's Louvain and Leiden
draw from Python's `random`, seeded with GRAPH_BENCH_SEED (default 1, as graph_bench), so a rerun
times the same run.
"""
import json
import os
import random
import select
import signal
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


CPU = {}  # kernel -> CPU seconds (user + system, all threads) of its last timed() call


def report(tool, kernel, seconds, **extra):
    cpu = CPU.pop("last", None) if seconds is not None else None
    print(json.dumps(dict(tool=tool, kernel=kernel, seconds=seconds, cpu_seconds=cpu, **extra)), flush=True)


def timed(fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    CPU["last"] = time.process_time() - c
    return time.perf_counter() - t, out


def seeded(seed, fn):
    random.seed(seed)
    return fn()


def bounded(tool, kernel, fn, summary):
    """Runs fn in a forked child (single-threaded tools only: a fork keeps no OpenMP pool) and
    reports it like timed() would, with summary(result) as extra fields. With PEER_KERNEL_TIMEOUT
    set, a child still running after that many seconds is killed and the kernel is reported as a
    lower bound (lower_bound_seconds, lower_bound_cpu_seconds from the child's rusage), so a slow
    peer kernel shows as ">= Nx" and the kernels after it still run."""
    budget = float(os.environ.get("PEER_KERNEL_TIMEOUT", "0")) or None
    read_end, write_end = os.pipe()
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        s, out = timed(fn)
        with os.fdopen(write_end, "w") as w:
            w.write(json.dumps(dict(seconds=s, cpu_seconds=CPU["last"], **summary(out))))
        os._exit(0)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], budget)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(read_end)
        print(json.dumps(dict(tool=tool, kernel=kernel, seconds=None, cpu_seconds=None,
                              lower_bound_seconds=time.perf_counter() - t,
                              lower_bound_cpu_seconds=usage.ru_utime + usage.ru_stime,
                              note=f"stopped after PEER_KERNEL_TIMEOUT={budget:g} s")), flush=True)
        return
    with os.fdopen(read_end) as r:
        result = json.loads(r.read())
    os.wait4(pid, 0)
    print(json.dumps(dict(tool=tool, kernel=kernel, **result)), flush=True)


def start_load():
    CPU["load"] = time.process_time()
    return time.perf_counter()


def end_load(t):
    CPU["last"] = time.process_time() - CPU.pop("load")
    return time.perf_counter() - t


def load_igraph(path):
    """The directed graph and the simple undirected one, as the load is timed."""
    import igraph
    g = igraph.Graph.Read_Edgelist(path, directed=True)
    return g, g.as_undirected(mode="collapse")


def load_graph_tool(path):
    """The directed graph and the simple undirected one, as the load is timed. (gt.Graph(g,
    directed=False) + remove_parallel_edges keeps u->v and v->u as two edges, which inflates core
    numbers, so the undirected graph is collapsed with numpy.)"""
    import numpy as np
    import graph_tool.all as gt
    with open(path) as f:
        edges = np.fromstring(f.read(), dtype=np.int64, sep=" ").reshape(-1, 2)
    g = gt.Graph(directed=True)
    g.add_edge_list(edges)
    u = gt.Graph(directed=False)
    u.add_vertex(g.num_vertices())
    u.add_edge_list(np.unique(np.sort(edges, axis=1), axis=0))
    return g, u


def run_igraph(path, sources):
    before = rss()
    t = start_load()
    g, u = load_igraph(path)
    load = end_load(t)
    report("igraph", "load", load, edges=g.ecount(), rss_bytes_per_edge=(rss() - before) / g.ecount(), threads=1)
    s, _ = timed(lambda: g.pagerank(directed=True, damping=0.85))
    report("igraph", "pagerank", s)
    s, c = timed(lambda: g.connected_components(mode="weak"))
    report("igraph", "components", s, count=len(c))
    s, core = timed(lambda: u.coreness())
    report("igraph", "kcore", s, max_core=max(core))
    seed = int(os.environ.get("GRAPH_BENCH_SEED", "1"))
    bounded("igraph", "community", lambda: seeded(seed, u.community_multilevel),
            lambda comm: dict(communities=len(comm), modularity=comm.modularity))
    bounded("igraph", "leiden", lambda: seeded(seed, lambda: u.community_leiden(objective_function="modularity", n_iterations=-1)),
            lambda comm: dict(communities=len(comm), modularity=u.modularity(comm.membership)))
    report("igraph", "betweenness_sampled", None,
           note="python-igraph 0.10.2 has no source-subset betweenness (only exact or path-length cutoff)")
    # Each source's distances are dropped before the next: holding 32 Python lists of a 50M-edge
    # graph's 8M distances took igraph past 9 GB.
    s, _ = timed(lambda: [len(g.distances(source=v, mode="out")) for v in sources])
    report("igraph", "shortest_paths", s, sources=len(sources))


def run_graph_tool(path, sources):
    import numpy as np
    import graph_tool.all as gt
    before = rss()
    t = start_load()
    g, u = load_graph_tool(path)
    load = end_load(t)
    report("graph-tool", "load", load, edges=g.num_edges(), rss_bytes_per_edge=(rss() - before) / g.num_edges(),
           threads=gt.openmp_get_num_threads())
    s, _ = timed(lambda: gt.pagerank(g, damping=0.85, epsilon=1e-9))
    report("graph-tool", "pagerank", s)
    s, (_, hist) = timed(lambda: gt.label_components(g, directed=False))
    report("graph-tool", "components", s, count=len(hist))
    s, core = timed(lambda: gt.kcore_decomposition(u))
    report("graph-tool", "kcore", s, max_core=int(core.a.max()))
    for kernel in ("community", "leiden"):
        report("graph-tool", kernel, None,
               note="graph-tool has no modularity maximiser (its stochastic block models answer another question)")
    pivots = np.array(sources, dtype=np.int64)
    s, _ = timed(lambda: gt.betweenness(u, pivots=pivots))
    report("graph-tool", "betweenness_sampled", s, sources=len(sources))
    s, _ = timed(lambda: [gt.shortest_distance(g, source=g.vertex(v)).a.size for v in sources])
    report("graph-tool", "shortest_paths", s, sources=len(sources))


def run_networkx(path, sources):
    import networkx as nx
    before = rss()
    t = start_load()
    g = nx.read_edgelist(path, create_using=nx.DiGraph, nodetype=int)
    u = g.to_undirected()
    load = end_load(t)
    report("networkx", "load", load, edges=g.number_of_edges(), rss_bytes_per_edge=(rss() - before) / g.number_of_edges(),
           threads=1)
    s, _ = timed(lambda: nx.pagerank(g, alpha=0.85, tol=1e-9))
    report("networkx", "pagerank", s)
    s, c = timed(lambda: nx.number_weakly_connected_components(g))
    report("networkx", "components", s, count=c)
    s, _ = timed(lambda: nx.core_number(u))
    report("networkx", "kcore", s)
    present = [v for v in sources if v in u]
    s, _ = timed(lambda: [nx.single_source_shortest_path_length(g, v) for v in present])
    report("networkx", "shortest_paths", s, sources=len(present))
    s, _ = timed(lambda: nx.betweenness_centrality_subset(u, present, list(u.nodes)))
    report("networkx", "betweenness_sampled", s, sources=len(present))
    s, comm = timed(lambda: nx.community.louvain_communities(u, seed=1))
    report("networkx", "community", s, communities=len(comm))
    report("networkx", "leiden", None, note="networkx 2.8.8 has no Leiden")


def main():
    tool, path, sources_path = sys.argv[1:4]
    with open(sources_path) as f:
        sources = [int(x) for x in f.read().split()]
    {"igraph": run_igraph, "graph-tool": run_graph_tool, "networkx": run_networkx}[tool](path, sources)


if __name__ == "__main__":
    main()
