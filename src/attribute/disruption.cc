// Disruption priority: which actors (and their accounts) to remove so the handlers reach the
// fewest recruits. The network is the sub-graph induced by the controllers (returned handlers
// and the chain of command above them) and the recruits: anyone but a perpetrator (who has
// acted already) with a new, sustained — >= 5 events — phone or encrypted tie to a handler,
// people being groomed now. With none, the list is empty: there is no reach left to cut.
// Reach = the (controller, recruit) pairs joined by a path inside it.
// Candidates are every controller plus Borgatti's KPP-Neg key-player set of the sub-graph
// (graph::KeyPlayersNeg, Borgatti 2006): the vertices whose joint removal fragments it most.
// Effect of removing one actor = the fraction of reach lost; the list is ranked by it.
// Cost: O(candidates x sub-graph size), with a sub-graph of tens to hundreds of entities.
#include <algorithm>
#include <cstdio>
#include <set>

#include "attribute/internal.h"
#include "graph/analytics.h"
#include "graph/graph.h"

namespace linchpin::attribute::internal {
namespace {

constexpr size_t kMinGroomingEvents = 5;
constexpr size_t kMaxTargets = 8;

// (controller, recruit) pairs connected in g once `removed` (local ids) is gone.
double Reach(const graph::Graph& g, const std::vector<bool>& controller, const std::vector<bool>& recruit,
             const std::vector<VertexId>& removed) {
  const uint32_t n = g.num_vertices();
  std::vector<uint32_t> label(n, graph::kNoVertex);
  for (VertexId r : removed) label[r] = n;  // never visited
  double reach = 0;
  std::vector<VertexId> stack;
  for (VertexId s = 0; s < n; ++s) {
    if (label[s] != graph::kNoVertex) continue;
    double controllers = 0, recruits = 0, both = 0;
    label[s] = s;
    stack.push_back(s);
    while (!stack.empty()) {
      const VertexId v = stack.back();
      stack.pop_back();
      controllers += controller[v];
      recruits += recruit[v];
      both += controller[v] && recruit[v];
      for (VertexId w : g.out_neighbors(v)) {
        if (label[w] == graph::kNoVertex) {
          label[w] = s;
          stack.push_back(w);
        }
      }
    }
    reach += controllers * recruits - both;
  }
  return reach;
}

}  // namespace

std::vector<DisruptionTarget> RankDisruption(const Context& cx, const std::vector<IncidentFinding>& findings,
                                             const std::vector<CommandLink>& chain) {
  const TemporalGraph& tg = cx.tg;
  std::set<VertexId> controllers, handlers, recruits, perpetrators;
  for (const Incident& incident : cx.c.incidents) {
    for (const std::string& id : incident.perpetrators) {
      if (auto v = cx.FindEntity(id); v.ok()) perpetrators.insert(*v);
    }
  }
  for (const IncidentFinding& f : findings) {
    for (const HandlerFinding& h : f.handlers) {
      if (auto v = cx.FindEntity(h.who.entity); v.ok()) handlers.insert(*v);
    }
  }
  controllers = handlers;
  for (const CommandLink& l : chain) {
    for (const std::string& name : {l.superior, l.subordinate}) {
      if (auto v = cx.FindEntity(name); v.ok()) controllers.insert(*v);
    }
  }
  if (controllers.empty()) return {};
  for (VertexId h : handlers) {
    for (VertexId r : cx.Neighbours(h)) {
      if (controllers.count(r) || perpetrators.count(r) || cx.IsChannel(r)) continue;
      const std::vector<Contact> contacts = cx.Between(h, r);
      if (contacts.size() < kMinGroomingEvents || contacts.front().time < cx.first_event + kNewTieMargin) continue;
      const bool private_tie = std::any_of(contacts.begin(), contacts.end(), [&](const Contact& k) {
        return cx.ClassOfRow(k.row) != PlatformClass::kPublic;
      });
      if (private_tie) recruits.insert(r);
    }
  }
  graph::ViewSpec spec;
  spec.directed = false;
  spec.weighted = false;
  std::set<VertexId> all = controllers;
  all.insert(recruits.begin(), recruits.end());
  spec.vertices.assign(all.begin(), all.end());
  auto view = tg.View(spec);
  if (!view.ok()) return {};
  const graph::Graph& g = *view;
  std::vector<bool> is_controller(g.num_vertices()), is_recruit(g.num_vertices());
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    is_controller[v] = controllers.count(g.entity(v)) > 0;
    is_recruit[v] = recruits.count(g.entity(v)) > 0;
  }
  const double before = Reach(g, is_controller, is_recruit, {});
  if (before <= 0) return {};
  graph::KeyPlayerOptions kp;
  kp.k = std::min<uint32_t>(3, std::max<uint32_t>(1, g.num_vertices() / 4));
  const graph::KeyPlayerResult key = graph::KeyPlayersNeg(g, kp);
  const double after_set = Reach(g, is_controller, is_recruit, key.set);
  std::set<VertexId> candidates(key.set.begin(), key.set.end());
  for (VertexId v = 0; v < g.num_vertices(); ++v) {
    if (is_controller[v]) candidates.insert(v);
  }
  std::string set_names;
  for (VertexId v : key.set) set_names += (set_names.empty() ? "" : ", ") + cx.Name(g.entity(v));
  std::vector<DisruptionTarget> out;
  for (VertexId v : candidates) {
    const double after = Reach(g, is_controller, is_recruit, {v});
    DisruptionTarget t;
    t.who = cx.Ref(g.entity(v));
    t.effect = 1 - after / before;
    char buf[256];
    std::snprintf(buf, sizeof buf, "removing it cuts %.0f of %.0f handler-recruit connections (%.0f%%)", before - after, before, 100 * t.effect);
    t.explanation = buf;
    if (std::find(key.set.begin(), key.set.end(), v) != key.set.end()) {
      std::snprintf(buf, sizeof buf, "; key-player set {%s} together cuts %.0f%%", set_names.c_str(), 100 * (1 - after_set / before));
      t.explanation += buf;
    }
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const DisruptionTarget& a, const DisruptionTarget& b) {
    return a.effect != b.effect ? a.effect > b.effect : a.who.entity < b.who.entity;
  });
  if (out.size() > kMaxTargets) out.resize(kMaxTargets);
  return out;
}

}  // namespace linchpin::attribute::internal
