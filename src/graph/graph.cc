#include "graph/graph.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <numeric>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace linchpin::graph {

size_t CsrStorage::MemoryBytes() const {
  return (out_offsets.capacity() + in_offsets.capacity()) * sizeof(uint64_t) +
         (out_targets.capacity() + in_sources.capacity() + entity_of.capacity()) * sizeof(VertexId) +
         (out_weights.capacity() + in_weights.capacity()) * sizeof(uint32_t);
}

VertexId Graph::local(VertexId entity) const {
  if (entity_of_.empty()) return entity < n_ ? entity : kNoVertex;
  auto it = std::lower_bound(entity_of_.begin(), entity_of_.end(), entity);
  if (it == entity_of_.end() || *it != entity) return kNoVertex;
  return static_cast<VertexId>(it - entity_of_.begin());
}

bool Graph::HasArc(VertexId u, VertexId v) const {
  auto nbrs = out_neighbors(u);
  return std::binary_search(nbrs.begin(), nbrs.end(), v);
}

Graph Graph::Borrow(uint32_t n, bool directed, bool weighted, std::span<const uint64_t> out_off,
                    std::span<const VertexId> out_tgt, std::span<const uint32_t> out_w,
                    std::span<const uint64_t> in_off, std::span<const VertexId> in_src,
                    std::span<const uint32_t> in_w) {
  Graph g;
  g.n_ = n;
  g.directed_ = directed;
  g.weighted_ = weighted;
  g.out_offsets_ = out_off;
  g.out_targets_ = out_tgt;
  g.out_weights_ = out_w;
  g.in_offsets_ = in_off;
  g.in_sources_ = in_src;
  g.in_weights_ = in_w;
  return g;
}

Graph Graph::FromStorage(std::shared_ptr<const CsrStorage> s, uint32_t n, bool directed,
                         bool weighted) {
  assert(s->out_offsets.size() == size_t{n} + 1);
  const bool symmetric = !directed;
  Graph g = Borrow(n, directed, weighted, s->out_offsets, s->out_targets, s->out_weights,
                   symmetric ? std::span<const uint64_t>(s->out_offsets) : s->in_offsets,
                   symmetric ? std::span<const VertexId>(s->out_targets) : s->in_sources,
                   symmetric ? std::span<const uint32_t>(s->out_weights) : s->in_weights);
  g.entity_of_ = s->entity_of;
  g.storage_ = std::move(s);
  return g;
}

namespace {

// Sorts each vertex's list by neighbour, merges duplicates (adding weights) and compacts the
// arrays in place. Lists are independent, so the sort runs in parallel.
void SortAndMergeLists(uint32_t n, HugeVector<uint64_t>& offsets, HugeVector<VertexId>& targets,
                       HugeVector<uint32_t>& weights) {
  std::vector<uint64_t> merged_degree(n);
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, 1024), [&](const auto& range) {
    std::vector<std::pair<VertexId, uint32_t>> scratch;
    for (uint32_t v = range.begin(); v != range.end(); ++v) {
      const uint64_t b = offsets[v], e = offsets[v + 1];
      scratch.clear();
      for (uint64_t a = b; a < e; ++a) scratch.emplace_back(targets[a], weights[a]);
      std::sort(scratch.begin(), scratch.end());
      uint64_t out = b;
      for (size_t i = 0; i < scratch.size(); ++i) {
        if (out > b && targets[out - 1] == scratch[i].first) {
          weights[out - 1] += scratch[i].second;
        } else {
          targets[out] = scratch[i].first;
          weights[out] = scratch[i].second;
          ++out;
        }
      }
      merged_degree[v] = out - b;
    }
  });
  // Compact: lists only shrink and move left, so a forward copy is safe.
  uint64_t write = 0;
  for (uint32_t v = 0; v < n; ++v) {
    const uint64_t b = offsets[v];
    offsets[v] = write;
    for (uint64_t i = 0; i < merged_degree[v]; ++i, ++write) {
      targets[write] = targets[b + i];
      weights[write] = weights[b + i];
    }
  }
  offsets[n] = write;
  targets.resize(write);
  weights.resize(write);
  targets.shrink_to_fit();
  weights.shrink_to_fit();
}

// The transpose of a CSR: scanning sources in order makes every in-list sorted by source.
void Transpose(uint32_t n, const HugeVector<uint64_t>& off, const HugeVector<VertexId>& tgt,
               const HugeVector<uint32_t>& w, HugeVector<uint64_t>& in_off,
               HugeVector<VertexId>& in_src, HugeVector<uint32_t>& in_w) {
  in_off.assign(size_t{n} + 1, 0);
  for (VertexId t : tgt) ++in_off[t + 1];
  std::partial_sum(in_off.begin(), in_off.end(), in_off.begin());
  in_src.resize(tgt.size());
  in_w.resize(tgt.size());
  std::vector<uint64_t> cursor(in_off.begin(), in_off.end() - 1);
  for (uint32_t u = 0; u < n; ++u) {
    for (uint64_t a = off[u]; a < off[u + 1]; ++a) {
      const uint64_t slot = cursor[tgt[a]]++;
      in_src[slot] = u;
      in_w[slot] = w[a];
    }
  }
}

}  // namespace

std::shared_ptr<CsrStorage> BuildCsr(uint32_t n, std::span<const std::pair<VertexId, VertexId>> arcs,
                                     std::span<const uint32_t> weights, bool symmetric) {
  auto s = std::make_shared<CsrStorage>();
  s->out_offsets.assign(size_t{n} + 1, 0);
  for (const auto& [u, v] : arcs) {
    if (u == v) continue;
    ++s->out_offsets[u + 1];
    if (symmetric) ++s->out_offsets[v + 1];
  }
  std::partial_sum(s->out_offsets.begin(), s->out_offsets.end(), s->out_offsets.begin());
  s->out_targets.resize(s->out_offsets[n]);
  s->out_weights.resize(s->out_offsets[n]);
  std::vector<uint64_t> cursor(s->out_offsets.begin(), s->out_offsets.end() - 1);
  for (size_t i = 0; i < arcs.size(); ++i) {
    const auto [u, v] = arcs[i];
    if (u == v) continue;
    const uint32_t w = weights.empty() ? 1 : weights[i];
    uint64_t slot = cursor[u]++;
    s->out_targets[slot] = v;
    s->out_weights[slot] = w;
    if (symmetric) {
      slot = cursor[v]++;
      s->out_targets[slot] = u;
      s->out_weights[slot] = w;
    }
  }
  SortAndMergeLists(n, s->out_offsets, s->out_targets, s->out_weights);
  if (!symmetric) {
    Transpose(n, s->out_offsets, s->out_targets, s->out_weights, s->in_offsets, s->in_sources,
              s->in_weights);
  }
  return s;
}

Graph Graph::FromEdges(uint32_t n, std::span<const std::pair<VertexId, VertexId>> edges,
                       std::span<const uint32_t> weights, bool directed) {
  return FromStorage(BuildCsr(n, edges, weights, !directed), n, directed, !weights.empty());
}

Graph Graph::Symmetrized() const {
  if (!directed_) return *this;
  std::vector<std::pair<VertexId, VertexId>> arcs;
  std::vector<uint32_t> w;
  arcs.reserve(num_arcs());
  w.reserve(num_arcs());
  for (VertexId u = 0; u < n_; ++u) {
    for (uint64_t a = out_begin(u); a < out_end(u); ++a) {
      arcs.emplace_back(u, out_target(a));
      w.push_back(out_weight(a));
    }
  }
  auto s = BuildCsr(n_, arcs, w, /*symmetric=*/true);
  s->entity_of.assign(entity_of_.begin(), entity_of_.end());
  return FromStorage(std::move(s), n_, /*directed=*/false, weighted_);
}

std::vector<VertexId> HubsFirstOrder(const Graph& g) {
  const uint32_t n = g.num_vertices();
  auto degree_class = [&](VertexId v) { return static_cast<uint32_t>(std::bit_width(g.out_degree(v))); };
  uint32_t top = 0;
  for (VertexId v = 0; v < n; ++v) top = std::max(top, degree_class(v));
  std::vector<uint64_t> start(size_t{top} + 2, 0);  // a counting sort, highest class first
  for (VertexId v = 0; v < n; ++v) ++start[top - degree_class(v) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<VertexId> order(n);
  for (VertexId v = 0; v < n; ++v) order[start[top - degree_class(v)]++] = v;
  return order;
}

}  // namespace linchpin::graph
