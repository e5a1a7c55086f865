// Graph: the static CSR every kernel reads — a view of a TemporalGraph (temporal_graph.h), or a
// plain edge list (FromEdges, for tests and benchmarks).
//
// Vertices are local ids 0..n-1; entity(v) maps them back to TemporalGraph entities (identity
// unless the view took a vertex subset). A directed graph has out- and in-lists; an undirected
// one is symmetric and its in-lists are its out-lists. Arc weights are event counts (uint32:
// integers sum exactly); an unweighted graph reports weight 1 for every arc. Parallel arcs are
// merged and self-loops dropped when the CSR is built, so kernels see a simple graph.
//
// Copying a Graph is cheap: storage is shared and immutable.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "common/huge_pages.h"
#include "graph/temporal_graph.h"

namespace linchpin::graph {

// Owned CSR arrays; a Graph points into one of these or into a TemporalGraph. HugeVectors
// (common/huge_pages.h): the TemporalGraph's undirected view takes its pages from the build's
// spent scratch.
struct CsrStorage {
  HugeVector<uint64_t> out_offsets, in_offsets;
  HugeVector<VertexId> out_targets, in_sources;
  HugeVector<uint32_t> out_weights, in_weights;
  std::vector<VertexId> entity_of;  // empty = identity
  size_t MemoryBytes() const;
};

class Graph {
 public:
  Graph() = default;

  uint32_t num_vertices() const { return n_; }
  uint64_t num_arcs() const { return out_offsets_.empty() ? 0 : out_offsets_[n_]; }
  // Edges as a user counts them: arcs, or arcs / 2 when undirected.
  uint64_t num_edges() const { return directed_ ? num_arcs() : num_arcs() / 2; }
  bool directed() const { return directed_; }
  bool weighted() const { return weighted_; }
  VertexId entity(VertexId v) const { return entity_of_.empty() ? v : entity_of_[v]; }
  // The local id of an entity, or kNoVertex when the view left it out. O(log n) with a subset.
  VertexId local(VertexId entity) const;

  uint64_t out_begin(VertexId v) const { return out_offsets_[v]; }
  uint64_t out_end(VertexId v) const { return out_offsets_[v + 1]; }
  uint64_t in_begin(VertexId v) const { return in_offsets_[v]; }
  uint64_t in_end(VertexId v) const { return in_offsets_[v + 1]; }
  uint32_t out_degree(VertexId v) const { return static_cast<uint32_t>(out_end(v) - out_begin(v)); }
  uint32_t in_degree(VertexId v) const { return static_cast<uint32_t>(in_end(v) - in_begin(v)); }
  VertexId out_target(uint64_t arc) const { return out_targets_[arc]; }
  VertexId in_source(uint64_t arc) const { return in_sources_[arc]; }
  uint32_t out_weight(uint64_t arc) const { return weighted_ ? out_weights_[arc] : 1; }
  uint32_t in_weight(uint64_t arc) const { return weighted_ ? in_weights_[arc] : 1; }
  std::span<const VertexId> out_neighbors(VertexId v) const {
    return out_targets_.subspan(out_begin(v), out_degree(v));
  }
  std::span<const VertexId> in_neighbors(VertexId v) const {
    return in_sources_.subspan(in_begin(v), in_degree(v));
  }
  // The raw in-CSR (offsets by vertex, n + 1; sources and weights by arc) and out-CSR (offsets,
  // targets), for kernels that stream them or copy them relabelled. The in-weights are there
  // even when the graph is unweighted.
  std::span<const uint64_t> in_offsets() const { return in_offsets_; }
  std::span<const uint64_t> out_offsets() const { return out_offsets_; }
  std::span<const VertexId> out_targets() const { return out_targets_; }
  std::span<const VertexId> in_sources() const { return in_sources_; }
  std::span<const uint32_t> in_weights() const { return in_weights_; }
  // Whether u -> v is an arc. O(log out-degree): lists are sorted.
  bool HasArc(VertexId u, VertexId v) const;

  // The same vertices and arcs as an undirected (symmetric) graph; weights of u->v and v->u add.
  Graph Symmetrized() const;
  // Bytes of storage this graph owns (0 for a borrowed view).
  size_t MemoryBytes() const { return storage_ ? storage_->MemoryBytes() : 0; }

  // A graph from an edge list over vertices 0..n-1 (duplicates merge, weights add, self-loops
  // drop). `weights` empty = all 1, and the graph is unweighted.
  static Graph FromEdges(uint32_t n, std::span<const std::pair<VertexId, VertexId>> edges,
                         std::span<const uint32_t> weights, bool directed);
  // Takes ownership of CSR arrays (they must be sorted and duplicate-free; asserted in debug).
  static Graph FromStorage(std::shared_ptr<const CsrStorage> storage, uint32_t n, bool directed,
                           bool weighted);
  // Borrows arrays owned by someone who outlives the graph (the TemporalGraph).
  static Graph Borrow(uint32_t n, bool directed, bool weighted, std::span<const uint64_t> out_off,
                      std::span<const VertexId> out_tgt, std::span<const uint32_t> out_w,
                      std::span<const uint64_t> in_off, std::span<const VertexId> in_src,
                      std::span<const uint32_t> in_w);

 private:
  std::shared_ptr<const CsrStorage> storage_;
  uint32_t n_ = 0;
  bool directed_ = true, weighted_ = true;
  std::span<const uint64_t> out_offsets_, in_offsets_;
  std::span<const VertexId> out_targets_, in_sources_;
  std::span<const uint32_t> out_weights_, in_weights_;
  std::span<const VertexId> entity_of_;
};

// Builds CSR storage from (u, v, w) arcs: counting sort by u, then each list sorted by v with
// duplicates merged. The in-lists are the transpose (or the out-lists when `symmetric`).
std::shared_ptr<CsrStorage> BuildCsr(uint32_t n, std::span<const std::pair<VertexId, VertexId>> arcs,
                                     std::span<const uint32_t> weights, bool symmetric);

// The vertices hubs first, for kernels that run on a relabelled copy (betweenness, PageRank): by
// out-degree class (the degree's bit width), highest first, ties in id order. A kernel's cost is
// its random reads of per-vertex values; on a power-law graph most arcs lead to a few hubs, and
// numbering them first packs their values into a few cache-resident pages. Classes rather than
// exact degrees, so vertices of similar degree keep the locality their ids carry (a case's
// ids put a cell's members side by side; an exact sort scattered them). Vertices without
// out-arcs come last. Result: new id -> graph id.
std::vector<VertexId> HubsFirstOrder(const Graph& g);

}  // namespace linchpin::graph
