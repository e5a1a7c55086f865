// The temporal graph: entity mapping, pair aggregates, event traceability, views.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <tuple>

#include "graph/graph.h"
#include "graph/temporal_graph.h"
#include "graph/test_graphs.h"

namespace linchpin::graph {
namespace {

constexpr TimeMs kT0 = 1'750'000'000'000;

// Persons alice (accounts a1 on telegram, a2 on signal) and bob (b1); an unowned account x1 and a
// phone +15550001.
//
//   a1 --call t0, t2--> b1        a2 --msg t1--> b1       b1 --msg t3--> a1
//   x1 --msg t4--> +15550001      a1 --msg t5--> a2 (alice to herself)    b1 posts at t6
class TemporalGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c.platforms = {{"telegram", PlatformClass::kEncrypted}, {"signal", PlatformClass::kEncrypted},
                   {"phone", PlatformClass::kPhone}};
    for (const char* id : {"alice", "bob"}) {
      Person p;
      p.id = id;
      c.persons.push_back(p);
    }
    AddAccount("a1", "telegram", "alice");
    AddAccount("a2", "signal", "alice");
    AddAccount("b1", "telegram", "bob");
    AddAccount("x1", "telegram", "");
    c.endpoints.push_back({"+15550001", EndpointKind::kPhone, kNoIndex});
    Event(0, "a1", "b1", 0, EventKind::kCall);
    Event(1, "a2", "b1", 1, EventKind::kMessage);
    Event(2, "a1", "b1", 0, EventKind::kCall);
    Event(3, "b1", "a1", 0, EventKind::kMessage);
    Event(4, "x1", "+15550001", 2, EventKind::kMessage);
    Event(5, "a1", "a2", 0, EventKind::kMessage);
    Event(6, "b1", "", 0, EventKind::kPost);
  }
  void AddAccount(const std::string& id, const std::string& platform, const std::string& owner) {
    Account a;
    a.id = id;
    a.platform = platform;
    a.owner = owner;
    c.AddAccount(std::move(a));
  }
  EndpointId Ep(const std::string& key) {
    for (EndpointId e = 0; e < c.endpoints.size(); ++e) if (c.endpoints[e].key == key) return e;
    return kNoEndpoint;
  }
  void Event(int minute, const std::string& s, const std::string& t, uint16_t platform, EventKind k) {
    c.events.time.push_back(kT0 + minute * kMinuteMs);
    c.events.source.push_back(Ep(s));
    c.events.target.push_back(t.empty() ? kNoEndpoint : Ep(t));
    c.events.platform.push_back(platform);
    c.events.kind.push_back(k);
    c.events.duration_s.push_back(-1);
    c.events.size_bytes.push_back(-1);
  }
  std::unique_ptr<TemporalGraph> Build(EntityMap m) { return std::move(TemporalGraph::Build(c, std::move(m))).value(); }
  VertexId Id(const TemporalGraph& g, const std::string& name) { return g.FindEntity(name).value(); }

  CaseData c;
};

TEST_F(TemporalGraphTest, OwnersBecomePersons) {
  const EntityMap m = EntitiesByOwner(c);
  ASSERT_EQ(m.size(), 4u);  // alice, bob, x1, +15550001
  EXPECT_EQ(m.entity_of_endpoint[Ep("a1")], m.entity_of_endpoint[Ep("a2")]);
  EXPECT_EQ(m.names[m.entity_of_endpoint[Ep("a1")]], "alice");
  EXPECT_EQ(m.info[m.entity_of_endpoint[Ep("b1")]].kind, EntityKind::kPerson);
  EXPECT_EQ(m.info[m.entity_of_endpoint[Ep("b1")]].person, 1u);
  EXPECT_EQ(m.info[m.entity_of_endpoint[Ep("x1")]].kind, EntityKind::kAccount);
  EXPECT_EQ(m.info[m.entity_of_endpoint[Ep("+15550001")]].kind, EntityKind::kPhone);
  EXPECT_EQ(m.EndpointsOf(m.entity_of_endpoint[Ep("a1")]), (std::vector<EndpointId>{Ep("a1"), Ep("a2")}));
  EXPECT_EQ(EntitiesByAccount(c).size(), 5u);
}

TEST_F(TemporalGraphTest, PairsAggregateAndTraceToEvents) {
  auto g = Build(EntitiesByOwner(c));
  const VertexId alice = Id(*g, "alice"), bob = Id(*g, "bob");
  EXPECT_EQ(g->num_pairs(), 3u);  // alice->bob, bob->alice, x1->phone
  EXPECT_EQ(g->stats().self_contacts, 1u);
  EXPECT_EQ(g->stats().no_target, 1u);
  const PairId ab = g->FindPair(alice, bob);
  ASSERT_NE(ab, kNoPair);
  EXPECT_EQ(g->pair_count(ab), 3u);
  EXPECT_EQ(g->pair_first(ab), kT0);
  EXPECT_EQ(g->pair_last(ab), kT0 + 2 * kMinuteMs);
  EXPECT_EQ(g->pair_platform_mask(ab), 0b011u);
  EXPECT_EQ(g->pair_events(ab).size(), 3u);
  EXPECT_EQ(std::vector<uint32_t>(g->pair_events(ab).begin(), g->pair_events(ab).end()),
            (std::vector<uint32_t>{0, 1, 2}));  // rows, in time order
  EXPECT_TRUE(g->pair_reciprocal(ab));
  EXPECT_EQ(g->pair_reverse(ab), g->FindPair(bob, alice));
  EXPECT_FALSE(g->pair_reciprocal(g->FindPair(Id(*g, "x1"), Id(*g, "+15550001"))));
  EXPECT_EQ(g->in_pairs(bob).size(), 1u);
}

TEST_F(TemporalGraphTest, ByAccountKeepsAccountsApart) {
  auto g = Build(EntitiesByAccount(c));
  EXPECT_EQ(g->num_pairs(), 5u);  // a1->b1, a2->b1, b1->a1, x1->phone, a1->a2
  EXPECT_EQ(g->pair_count(g->FindPair(Id(*g, "a1"), Id(*g, "b1"))), 2u);
}

TEST_F(TemporalGraphTest, ViewsFilterWithoutTouchingTheGraph) {
  auto g = Build(EntitiesByOwner(c));
  const VertexId alice = Id(*g, "alice"), bob = Id(*g, "bob");
  ViewSpec all;
  Graph full = g->View(all).value();
  EXPECT_EQ(full.num_arcs(), 3u);
  EXPECT_EQ(full.MemoryBytes(), 0u) << "the unfiltered directed view borrows the graph's arrays";

  ViewSpec window;  // [t1, t3): only the events at t1 and t2
  window.from = kT0 + kMinuteMs;
  window.to = kT0 + 3 * kMinuteMs;
  Graph w = g->View(window).value();
  ASSERT_EQ(w.num_arcs(), 1u);
  EXPECT_EQ(w.out_weight(w.out_begin(alice)), 2u);

  ViewSpec signal;
  signal.platforms = {1};
  Graph s = g->View(signal).value();
  ASSERT_EQ(s.num_arcs(), 1u);
  EXPECT_EQ(s.out_weight(s.out_begin(alice)), 1u);

  ViewSpec calls;
  calls.kinds = 1u << static_cast<int>(EventKind::kCall);
  EXPECT_EQ(g->View(calls).value().num_arcs(), 1u);

  ViewSpec undirected;
  undirected.directed = false;
  Graph u = g->View(undirected).value();
  EXPECT_EQ(u.num_edges(), 2u);
  EXPECT_EQ(u.out_weight(u.out_begin(alice)), 4u) << "alice-bob adds both directions";

  ViewSpec sub;
  sub.vertices = {bob, alice};
  Graph sg = g->View(sub).value();
  EXPECT_EQ(sg.num_vertices(), 2u);
  EXPECT_EQ(sg.num_arcs(), 2u);
  EXPECT_EQ(sg.entity(sg.local(bob)), bob);
  EXPECT_EQ(sg.local(Id(*g, "x1")), kNoVertex);

  ViewSpec bad;
  bad.platforms = {9};
  EXPECT_FALSE(g->View(bad).ok());
  bad = {};
  bad.from = kT0 + 5;
  bad.to = kT0;
  EXPECT_FALSE(g->View(bad).ok());
}

TEST_F(TemporalGraphTest, CountInViewAgreesWithAScanOfTheEvents) {
  auto g = Build(EntitiesByAccount(c));
  for (TimeMs from = kT0 - kMinuteMs; from < kT0 + 7 * kMinuteMs; from += kMinuteMs) {
    for (uint16_t p = 0; p < 3; ++p) {
      ViewSpec v;
      v.from = from;
      v.to = from + 2 * kMinuteMs;
      v.platforms = {p};
      for (PairId pair = 0; pair < g->num_pairs(); ++pair) {
        uint32_t expected = 0;
        for (uint32_t row : g->pair_events(pair)) {
          expected += c.events.time[row] >= v.from && c.events.time[row] < v.to && c.events.platform[row] == p;
        }
        EXPECT_EQ(g->CountInView(pair, v), expected);
      }
    }
  }
}

TEST_F(TemporalGraphTest, RejectsAMapThatDoesNotFit) {
  EntityMap m = EntitiesByOwner(c);
  m.entity_of_endpoint.pop_back();
  EXPECT_FALSE(TemporalGraph::Build(c, m).ok());
  m = EntitiesByOwner(c);
  m.entity_of_endpoint[0] = 99;
  EXPECT_FALSE(TemporalGraph::Build(c, m).ok());
}

TEST_F(TemporalGraphTest, FindEntityReportsMissingAndAmbiguous) {
  auto g = Build(EntitiesByOwner(c));
  EXPECT_EQ(g->FindEntity("nobody").status().code(), Status::Code::kNotFound);
  EntityMap m = EntitiesByAccount(c);
  m.names[1] = m.names[0];
  auto g2 = Build(m);
  EXPECT_EQ(g2->FindEntity(m.names[0]).status().code(), Status::Code::kInvalidArgument);
}

TEST(GraphCsr, MergesParallelArcsAndDropsLoops) {
  //   0 -> 1 (twice), 1 -> 1, 2 -> 0
  std::vector<std::pair<VertexId, VertexId>> e{{0, 1}, {0, 1}, {1, 1}, {2, 0}};
  std::vector<uint32_t> w{2, 3, 7, 1};
  Graph g = Graph::FromEdges(3, e, w, /*directed=*/true);
  EXPECT_EQ(g.num_arcs(), 2u);
  EXPECT_EQ(g.out_weight(g.out_begin(0)), 5u);
  EXPECT_EQ(g.in_degree(0), 1u);
  EXPECT_TRUE(g.HasArc(2, 0));
  EXPECT_FALSE(g.HasArc(0, 2));
  Graph u = g.Symmetrized();
  EXPECT_EQ(u.num_edges(), 2u);
  EXPECT_EQ(u.out_degree(0), 2u);
  EXPECT_TRUE(u.HasArc(0, 2));
}

TEST(GraphCsr, LargeRandomBuildMatchesEdgeCount) {
  auto el = testing::RandomGraph(5000, 40000, 7);
  auto b = testing::Build(el);
  std::set<std::pair<VertexId, VertexId>> distinct;
  for (const auto& e : el.edges) distinct.insert({e.u, e.v});
  EXPECT_EQ(b.tg->num_pairs(), distinct.size());
  uint64_t events = 0;
  for (PairId p = 0; p < b.tg->num_pairs(); ++p) {
    events += b.tg->pair_count(p);
    ASSERT_EQ(b.tg->pair_events(p).size(), b.tg->pair_count(p));
    for (uint32_t row : b.tg->pair_events(p)) {
      ASSERT_EQ(b.c->events.source[row], b.tg->pair_source(p));
      ASSERT_EQ(b.c->events.target[row], b.tg->pair_target(p));
    }
  }
  EXPECT_EQ(events, b.c->events.size());
}

// Sources with thousands of events (the build's 11-bit radix sort), hundreds (its 8-bit one),
// dozens (its key sort) and a few (its insertion sort),
// pairs repeated at scattered rows: every pair, its rows, times and reverse as a map of the
// events says.
TEST(GraphCsr, BuildGroupsRepeatedContactsLikeAMapOfTheEvents) {
  for (const auto& [n, m] : {std::pair<uint32_t, uint32_t>{40, 60000}, {300, 30000}, {1500, 30000}, {5000, 20000}}) {
    auto b = testing::Build(testing::RandomGraph(n, m, 11));
    const EventTable& ev = b.c->events;
    std::map<std::pair<VertexId, VertexId>, std::vector<uint32_t>> rows;
    for (uint32_t r = 0; r < ev.size(); ++r) rows[{ev.source[r], ev.target[r]}].push_back(r);
    ASSERT_EQ(b.tg->num_pairs(), rows.size());
    PairId p = 0;
    for (const auto& [uv, r] : rows) {  // the map's order is (source, target): the pairs' order
      ASSERT_EQ(b.tg->pair_source(p), uv.first);
      ASSERT_EQ(b.tg->pair_target(p), uv.second);
      ASSERT_EQ(std::vector<uint32_t>(b.tg->pair_events(p).begin(), b.tg->pair_events(p).end()), r);
      EXPECT_EQ(b.tg->pair_first(p), ev.time[r.front()]);
      EXPECT_EQ(b.tg->pair_last(p), ev.time[r.back()]);
      const auto back = rows.find({uv.second, uv.first});
      EXPECT_EQ(b.tg->pair_reverse(p), back == rows.end() ? kNoPair : b.tg->FindPair(uv.second, uv.first));
      ++p;
    }
  }
}

// A case of every shape the build has to sort out — several platforms (past 63, where the mask's
// last bit stands for the rest), every event kind, posts, endpoints the map drops, entities of
// several endpoints (self contacts), hubs with thousands of events and entity ids spread over
// many sort buckets — against a map of its events: every pair's aggregates, rows, reverse, the
// in-CSR, the build's counts and both unfiltered views.
TEST(GraphCsr, BuildMatchesAReferenceOnEveryKindOfEvent) {
  for (const auto& [endpoints, m, seed] : {std::tuple<uint32_t, uint32_t, uint64_t>{50, 40000, 3},
                                           {3000, 60000, 4}, {200000, 150000, 5}}) {
    CaseData c;
    // Names appended, not "p" + ..., which trips GCC 12's -Wrestrict bug.
    auto name = [](char prefix, uint32_t i) { std::string s(1, prefix); s += std::to_string(i); return s; };
    for (uint32_t p = 0; p < 70; ++p) c.platforms.push_back({name('p', p), PlatformClass::kOther});
    for (uint32_t e = 0; e < endpoints; ++e) c.endpoints.push_back({name('e', e), EndpointKind::kOpaque, kNoIndex});
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<uint32_t> any(0, endpoints - 1), hub(0, 9), platform(0, 69), kind(0, kEventKindCount - 1);
    TimeMs t = kT0;
    for (uint32_t i = 0; i < m; ++i) {
      t += rng() % 3 * kMinuteMs;  // equal times too
      c.events.time.push_back(t);
      c.events.source.push_back(i % 4 == 0 ? hub(rng) : any(rng));
      c.events.target.push_back(i % 97 == 0 ? kNoEndpoint : i % 5 == 0 ? hub(rng) : any(rng));
      c.events.platform.push_back(static_cast<uint16_t>(i % 3 == 0 ? platform(rng) : i % 7));
      c.events.kind.push_back(static_cast<EventKind>(kind(rng)));
      c.events.duration_s.push_back(-1);
      c.events.size_bytes.push_back(-1);
    }
    // Entities: endpoint e belongs to e / 2 (so e and e + 1 are one entity), every 11th is dropped.
    EntityMap map;
    map.entity_of_endpoint.resize(endpoints);
    const uint32_t entities = (endpoints + 1) / 2;
    for (uint32_t e = 0; e < endpoints; ++e) map.entity_of_endpoint[e] = e % 11 == 10 ? kNoVertex : e / 2;
    for (uint32_t v = 0; v < entities; ++v) {
      map.names.push_back(name('n', v));
      map.info.push_back({});
    }
    auto tg = std::move(TemporalGraph::Build(c, map)).value();
    const EventTable& ev = c.events;

    BuildStats want;
    want.events = m;
    std::map<std::pair<VertexId, VertexId>, std::vector<uint32_t>> rows;
    for (uint32_t r = 0; r < m; ++r) {
      if (ev.target[r] == kNoEndpoint) { ++want.no_target; continue; }
      const VertexId u = map.entity_of_endpoint[ev.source[r]], v = map.entity_of_endpoint[ev.target[r]];
      if (u == kNoVertex || v == kNoVertex) { ++want.unmapped; continue; }
      if (u == v) { ++want.self_contacts; continue; }
      ++want.contact_events;
      rows[{u, v}].push_back(r);
    }
    EXPECT_EQ(tg->stats().events, want.events);
    EXPECT_EQ(tg->stats().contact_events, want.contact_events);
    EXPECT_EQ(tg->stats().no_target, want.no_target);
    EXPECT_EQ(tg->stats().unmapped, want.unmapped);
    EXPECT_EQ(tg->stats().self_contacts, want.self_contacts);
    ASSERT_EQ(tg->num_pairs(), rows.size());
    std::vector<std::vector<PairId>> in(entities);
    std::vector<std::map<VertexId, uint32_t>> undirected(entities);
    PairId p = 0;
    for (const auto& [uv, r] : rows) {
      const auto [u, v] = uv;
      ASSERT_EQ(tg->pair_source(p), u);
      ASSERT_EQ(tg->pair_target(p), v);
      ASSERT_EQ(tg->pair_count(p), r.size());
      ASSERT_EQ(std::vector<uint32_t>(tg->pair_events(p).begin(), tg->pair_events(p).end()), r);
      ASSERT_EQ(tg->pair_first(p), ev.time[r.front()]);
      ASSERT_EQ(tg->pair_last(p), ev.time[r.back()]);
      uint64_t platforms = 0;
      uint16_t kinds = 0;
      for (uint32_t row : r) {
        platforms |= uint64_t{1} << std::min<uint16_t>(ev.platform[row], 63);
        kinds |= static_cast<uint16_t>(1u << static_cast<unsigned>(ev.kind[row]));
      }
      ASSERT_EQ(tg->pair_platform_mask(p), platforms);
      ASSERT_EQ(tg->pair_kind_mask(p), kinds);
      const auto back = rows.find({v, u});
      ASSERT_EQ(tg->pair_reverse(p), back == rows.end() ? kNoPair : tg->FindPair(v, u));
      if (back != rows.end()) {
        ASSERT_EQ(tg->pair_source(tg->FindPair(v, u)), v);
      }
      in[v].push_back(p);
      undirected[u][v] += static_cast<uint32_t>(r.size());
      undirected[v][u] += static_cast<uint32_t>(r.size());
      ++p;
    }
    std::vector<uint32_t> out_degree(entities, 0);
    for (const auto& kv : rows) ++out_degree[kv.first.first];
    for (VertexId u = 0; u < entities; ++u) {
      ASSERT_EQ(tg->out_end(u) - tg->out_begin(u), out_degree[u]) << u;
      ASSERT_EQ(std::vector<PairId>(tg->in_pairs(u).begin(), tg->in_pairs(u).end()), in[u]) << u;
    }
    const Graph directed = tg->View({}).value();
    ViewSpec spec;
    spec.directed = false;
    const Graph und = tg->View(spec).value();
    for (VertexId u = 0; u < entities; ++u) {
      ASSERT_EQ(directed.in_degree(u), in[u].size());
      for (uint64_t a = directed.in_begin(u); a < directed.in_end(u); ++a) {
        const PairId q = in[u][a - directed.in_begin(u)];
        ASSERT_EQ(directed.in_source(a), tg->pair_source(q));
        ASSERT_EQ(directed.in_weight(a), tg->pair_count(q));
      }
      ASSERT_EQ(und.out_degree(u), undirected[u].size()) << u;
      uint64_t a = und.out_begin(u);
      for (const auto& [v, w] : undirected[u]) {
        ASSERT_EQ(und.out_target(a), v);
        ASSERT_EQ(und.out_weight(a), w);
        ++a;
      }
    }
  }
}

}  // namespace
}  // namespace linchpin::graph
