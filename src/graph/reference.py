#!/usr/bin/python3
"""Reference answers for graph_tests, from networkx and python-igraph (Debian packages).

Usage: reference.py METRIC[,METRIC...] GRAPH_FILE ARGS_JSON_FILE  -> JSON on stdout,
{metric: answer}; ARGS_JSON_FILE holds {metric: {arguments}}. One process answers many metrics
because importing networkx and igraph costs more than most of the answers.
GRAPH_FILE: first line "n directed(0|1)", then "u v w" lines; parallel arcs add their weights, and
an undirected graph adds u-v and v-u, exactly as Linchpin's views do. Standard library, networkx
and igraph only.
"""
import itertools
import json
import math
import sys

import igraph
import networkx as nx


def load(path):
    with open(path) as f:
        n, directed = map(int, f.readline().split())
        g = nx.DiGraph() if directed else nx.Graph()
        g.add_nodes_from(range(n))
        for line in f:
            u, v, w = map(int, line.split())
            if u == v:
                continue
            if g.has_edge(u, v):
                g[u][v]["weight"] += w
            else:
                g.add_edge(u, v, weight=w)
    return g


def undirected_sum(g):
    """The undirected graph with w(u-v) = w(u->v) + w(v->u), as Linchpin symmetrises."""
    if not g.is_directed():
        return g
    h = nx.Graph()
    h.add_nodes_from(g)
    for u, v, d in g.edges(data=True):
        if h.has_edge(u, v):
            h[u][v]["weight"] += d["weight"]
        else:
            h.add_edge(u, v, weight=d["weight"])
    return h


def by_vertex(g, d):
    return [d[v] for v in range(g.number_of_nodes())]


def canonical_labels(g, components):
    label = [0] * g.number_of_nodes()
    for comp in components:
        for v in comp:
            label[v] = min(comp)
    remap = {}
    return [remap.setdefault(l, len(remap)) for l in label]


def fragmentation(g, removed):
    h = g.to_undirected() if g.is_directed() else g.copy()
    h.remove_nodes_from(removed)
    n = h.number_of_nodes()
    if n < 2:
        return 1.0
    pairs = sum(len(c) * (len(c) - 1) for c in nx.connected_components(h))
    return 1.0 - pairs / (n * (n - 1))


def reach(g, members):
    """Borgatti's distance-weighted reach by a multi-source BFS (members count 1)."""
    h = g.to_undirected() if g.is_directed() else g
    dist = {v: 0 for v in members}
    frontier = list(dist)
    while frontier:
        nxt = []
        for v in frontier:
            for w in h[v]:
                if w not in dist:
                    dist[w] = dist[v] + 1
                    nxt.append(w)
        frontier = nxt
    return sum(1.0 if d == 0 else 1.0 / d for d in dist.values()) / h.number_of_nodes()


def brokerage(g, group):
    """Gould-Fernandez by brute force over every ordered triple."""
    adj = {v: set(g.successors(v)) if g.is_directed() else set(g[v]) for v in g}
    roles = ["coordinator", "consultant", "gatekeeper", "representative", "liaison"]
    counts = [[0] * 5 for _ in g]
    for j in g:
        for i in g:
            if i == j or j not in adj[i]:
                continue
            for k in adj[j]:
                if k == i or k in adj[i]:
                    continue
                gi, gj, gk = group[i], group[j], group[k]
                if gi == gj == gk:
                    r = 0
                elif gi == gk:
                    r = 1
                elif gj == gk:
                    r = 2
                elif gi == gj:
                    r = 3
                else:
                    r = 4
                counts[j][r] += 1
    return {"roles": roles, "counts": counts}


def answer(metric, g, args):
    n = g.number_of_nodes()
    out = {}
    if metric == "degree":
        out["values"] = by_vertex(g, dict(g.degree()))
    elif metric == "strength":
        out["values"] = by_vertex(g, dict(g.degree(weight="weight")))
    elif metric == "pagerank":
        seeds = args.get("seeds")
        pers = {v: (1 if v in seeds else 0) for v in g} if seeds else None
        pr = nx.pagerank(g, alpha=0.85, weight="weight", personalization=pers, tol=1e-14, max_iter=10000)
        out["values"] = by_vertex(g, pr)
        ig = igraph.Graph(n=n, edges=list(g.edges()), directed=g.is_directed())
        ig.es["weight"] = [d["weight"] for _, _, d in g.edges(data=True)]
        if not seeds:
            out["igraph"] = ig.pagerank(damping=0.85, weights="weight", directed=g.is_directed())
    elif metric == "eigenvector":
        out["values"] = by_vertex(g, nx.eigenvector_centrality(g, weight="weight", max_iter=100000, tol=1e-13))
    elif metric == "closeness":
        out["values"] = by_vertex(g, nx.closeness_centrality(g))
    elif metric == "harmonic":
        out["values"] = by_vertex(g, nx.harmonic_centrality(g))
    elif metric == "betweenness":
        out["values"] = by_vertex(g, nx.betweenness_centrality(g, normalized=True))
    elif metric == "components_weak":
        comps = nx.weakly_connected_components(g) if g.is_directed() else nx.connected_components(g)
        out["labels"] = canonical_labels(g, list(comps))
    elif metric == "components_strong":
        out["labels"] = canonical_labels(g, list(nx.strongly_connected_components(g)))
    elif metric == "kcore":  # Linchpin's k-core ignores direction
        out["values"] = by_vertex(g, nx.core_number(undirected_sum(g)))
    elif metric == "louvain":  # on the undirected graph, as Linchpin
        g = undirected_sum(g)
        comms = nx.community.louvain_communities(g, weight="weight", seed=1)
        out["networkx"] = nx.community.modularity(g, comms, weight="weight")
        ig = igraph.Graph(n=n, edges=list(g.edges()), directed=False)
        ig.es["weight"] = [d["weight"] for _, _, d in g.edges(data=True)]
        out["igraph"] = ig.community_multilevel(weights="weight").modularity
        leiden = ig.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
        out["igraph_leiden"] = ig.modularity(leiden.membership, weights="weight")
    elif metric == "modularity":
        g = undirected_sum(g)
        label = args["labels"]
        comms = {}
        for v, l in enumerate(label):
            comms.setdefault(l, set()).add(v)
        out["value"] = nx.community.modularity(g, list(comms.values()), weight="weight")
    elif metric == "shortest":  # hops of the shortest and of the k shortest simple paths, per query
        out["results"] = []
        for s, t in args["queries"]:
            reachable = nx.has_path(g, s, t)
            out["results"].append({
                "hops": nx.shortest_path_length(g, s, t) if reachable else None,
                "k_hops": [len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(g, s, t), args["k"])]
                if reachable else []})
    elif metric == "constraint":
        c = nx.constraint(g, weight="weight")
        out["values"] = [None if math.isnan(c[v]) else c[v] for v in range(n)]
    elif metric == "brokerage":
        out = brokerage(g, args["groups"])
    elif metric == "fragmentation":
        out["values"] = [fragmentation(g, s) for s in args["sets"]]
        if "best_k" in args:
            out["best"] = max(fragmentation(g, s) for s in itertools.combinations(range(n), args["best_k"]))
    elif metric == "reach":
        out["values"] = [reach(g, s) for s in args["sets"]]
        if "best_k" in args:
            out["best"] = max(reach(g, s) for s in itertools.combinations(range(n), args["best_k"]))
    elif metric in ("read_graphml", "read_gexf"):
        h = nx.read_graphml(args["path"]) if metric == "read_graphml" else nx.read_gexf(args["path"], version="1.2draft")
        out["nodes"] = h.number_of_nodes()
        out["edges"] = h.number_of_edges()
        out["weight"] = sum(float(d.get("weight", 0)) for _, _, d in h.edges(data=True))
        out["labels"] = sorted(str(d.get("label", "")) for _, d in h.nodes(data=True))
    else:
        out = {"error": "unknown metric " + metric}
    return out


def main():
    metrics, path, args_path = sys.argv[1].split(","), sys.argv[2], sys.argv[3]
    with open(args_path) as f:
        args = json.load(f)
    g = load(path)
    print(json.dumps({m: answer(m, g, args.get(m, {})) for m in metrics}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
