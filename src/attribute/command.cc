// The chain of command: who directs the handlers. Built level by level from the handlers up
// (level 0 = entities returned as handlers, plus the accounts that rebroadcast their pledge
// files). A superior of entity h at the next level is an entity s in encrypted-app contact with
// h, scored on what sets a commander apart from the rest of h's contacts:
//   long      the s-h tie spans at least 30% of the case (a standing relationship, not an
//             interview or a grooming episode);
//   distant   s has no contact with any perpetrator (commanders keep away from foot soldiers);
//   breadth   s is in contact with two or more entities of the level below;
//   purity    the share of s's contacts that belong to the network found so far (a commander's
//             account exists for the network; a journalist's or a cousin's does not), or talk
//             only to it — the chief above a commander, not yet found, talks to commanders only;
//   down      instructions go down before activity: the share of s -> h messages followed within
//             24 hours by h contacting someone else, against the same share at the tie's other
//             times (Gartenstein-Ross & Blackman 2017: planners report to and take orders from
//             their external-operations superiors);
//   up        reports go up after: h -> s contact in the 72 hours after an incident h handled,
//             against h's usual rate to s.
// confidence = logistic(-3 + 1.2 long + 0.8 distant + 1.0 breadth + 2.0 purity + 0.6 down +
// 0.6 up): a standing, network-only tie is needed to pass 0.5. Each subordinate keeps its best
// superior at or above 0.5; above the first level, only broad superiors count. Cost: O(ties of the levels' neighbourhoods).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "attribute/internal.h"

namespace linchpin::attribute::internal {
namespace {

constexpr int kMaxLevels = 3;

struct LinkFeatures {
  bool long_standing = false, distant = false, broad = false;
  double purity = 0, down = 0, up = 0;
  size_t events = 0;
  TimeMs first = kNoTime, last = kNoTime;
};

double Confidence(const LinkFeatures& f) {
  const double z = -3 + 1.2 * f.long_standing + 0.8 * f.distant + 1.0 * f.broad + 2.0 * f.purity + 0.6 * f.down + 0.6 * f.up;
  return 1 / (1 + std::exp(-z));
}

// Times at which h contacted anyone but s, sorted.
std::vector<TimeMs> ActivityExcept(const Context& cx, VertexId h, VertexId s) {
  std::vector<TimeMs> out;
  const TemporalGraph& tg = cx.tg;
  for (PairId p = tg.out_begin(h); p < tg.out_end(h); ++p) {
    if (tg.pair_target(p) == s) continue;
    for (uint32_t row : tg.pair_events(p)) out.push_back(cx.c.events.time[row]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool ActiveWithin(const std::vector<TimeMs>& times, TimeMs from, TimeMs to) {
  auto it = std::upper_bound(times.begin(), times.end(), from);
  return it != times.end() && *it <= to;
}

// Whether every contact of n (channels aside) is in `network`: an account that exists for it.
// Reads n's pairs directly and stops at the first outsider (most contacts have one at once).
bool TalksOnlyTo(const Context& cx, VertexId n, const std::set<VertexId>& network) {
  bool any = false;
  auto outsider = [&](VertexId m) {
    if (m == n || cx.IsChannel(m)) return false;
    any = true;
    return network.count(m) == 0;
  };
  const TemporalGraph& tg = cx.tg;
  for (PairId p = tg.out_begin(n); p < tg.out_end(n); ++p) {
    if (outsider(tg.pair_target(p))) return false;
  }
  for (PairId p : tg.in_pairs(n)) {
    if (outsider(tg.pair_source(p))) return false;
  }
  return any;
}

// What a superior candidate's own contacts say, whichever subordinate it is scored against.
struct CandidateFeatures {
  bool distant = false;
  double purity = 0;
};

CandidateFeatures MeasureCandidate(const Context& cx, VertexId s, const std::set<VertexId>& network,
                                   const std::set<VertexId>& perpetrators) {
  size_t in_network = 0, real = 0;
  bool touches_perpetrator = false;
  for (VertexId n : cx.Neighbours(s)) {
    if (cx.IsChannel(n)) continue;
    ++real;
    in_network += network.count(n) || TalksOnlyTo(cx, n, network);
    touches_perpetrator |= perpetrators.count(n) > 0;
  }
  return {!touches_perpetrator, real ? static_cast<double>(in_network) / static_cast<double>(real) : 0};
}

LinkFeatures Measure(const Context& cx, VertexId s, VertexId h, size_t subordinates_touched, const CandidateFeatures& candidate,
                     const std::vector<TimeMs>& incidents_of_h) {
  LinkFeatures f;
  const std::vector<Contact> contacts = cx.Between(s, h);
  if (contacts.empty()) return f;
  f.events = contacts.size();
  f.first = contacts.front().time;
  f.last = contacts.back().time;
  const TimeMs span = std::max<TimeMs>(1, cx.last_event - cx.first_event);
  f.long_standing = 10 * (f.last - f.first) >= 3 * span;
  f.broad = subordinates_touched >= 2;
  f.distant = candidate.distant;
  f.purity = candidate.purity;
  // Down: s -> h followed by h's activity elsewhere, against evenly spaced control times.
  const std::vector<TimeMs> activity = ActivityExcept(cx, h, s);
  size_t down = 0, sent = 0, control = 0;
  for (const Contact& k : contacts) {
    if (!k.from_candidate) continue;
    ++sent;
    down += ActiveWithin(activity, k.time, k.time + kDayMs);
  }
  const size_t probes = std::max<size_t>(sent, 1);
  for (size_t i = 0; i < probes; ++i) {
    const TimeMs t = f.first + static_cast<TimeMs>((static_cast<double>(i) + 0.5) / static_cast<double>(probes) * static_cast<double>(f.last - f.first));
    control += ActiveWithin(activity, t, t + kDayMs);
  }
  if (sent > 0) f.down = std::clamp((static_cast<double>(down) - static_cast<double>(control)) / static_cast<double>(sent), 0.0, 1.0);
  // Up: h -> s in the 72 hours after h's incidents, against h's rate to s.
  size_t reported = 0;
  for (TimeMs at : incidents_of_h) {
    for (const Contact& k : contacts) reported += !k.from_candidate && k.time > at && k.time <= at + 3 * kDayMs;
  }
  const double expected = static_cast<double>(contacts.size()) * 3.0 * kDayMs / static_cast<double>(std::max<TimeMs>(kDayMs, f.last - f.first)) *
                          static_cast<double>(incidents_of_h.size()) / 2.0;
  if (!incidents_of_h.empty()) f.up = std::clamp((static_cast<double>(reported) - expected) / (expected + 1.0), 0.0, 1.0);
  return f;
}

Evidence Explain(const Context& cx, VertexId s, VertexId h, const LinkFeatures& f) {
  Evidence e;
  e.rule = "chain_of_command";
  char purity[32];
  std::snprintf(purity, sizeof purity, "%.0f%%", 100 * f.purity);
  e.text = cx.Name(s) + " - " + cx.Name(h) + ": " + std::to_string(f.events) + " encrypted-app events from " + FormatTime(f.first) + " to " +
           FormatTime(f.last) + (f.long_standing ? " (a standing tie)" : "") + "; " + purity + " of " + cx.Name(s) +
           "'s contacts are in the network" + (f.distant ? "; no contact with any perpetrator" : "") +
           (f.broad ? "; in contact with several handlers" : "") + (f.down > 0 ? "; messages down precede activity" : "") +
           (f.up > 0 ? "; contact up after incidents" : "");
  e.weight = Confidence(f);
  return e;
}

}  // namespace

std::vector<CommandLink> InferChainOfCommand(const Context& cx, const std::vector<IncidentWork>& works,
                                             const std::vector<IncidentFinding>& findings) {
  std::set<VertexId> perpetrators, network, level;
  std::map<VertexId, std::vector<TimeMs>> incidents_of;
  for (const IncidentWork& w : works) perpetrators.insert(w.perpetrators.begin(), w.perpetrators.end());
  for (size_t i = 0; i < findings.size(); ++i) {
    for (const HandlerFinding& h : findings[i].handlers) {
      auto v = cx.FindEntity(h.who.entity);
      if (!v.ok()) continue;
      level.insert(*v);
      incidents_of[*v].push_back(findings[i].time);
    }
  }
  for (const IncidentWork& w : works) {
    for (const Candidate& c : w.candidates) {
      if (level.count(c.entity) && c.rebroadcaster != kNoVertex) level.insert(c.rebroadcaster);
    }
  }
  network = level;
  std::vector<CommandLink> links;
  for (int depth = 0; depth < kMaxLevels && !level.empty(); ++depth) {
    // Candidates: encrypted-app contacts of this level that are not yet placed.
    std::map<VertexId, std::vector<VertexId>> touches;  // superior candidate -> subordinates
    for (VertexId h : level) {
      for (VertexId s : cx.Neighbours(h)) {
        if (cx.IsChannel(s) || network.count(s) || perpetrators.count(s)) continue;
        const PairId a = cx.tg.FindPair(s, h), b = cx.tg.FindPair(h, s);
        const bool encrypted = (a != graph::kNoPair && cx.PairHasClass(a, PlatformClass::kEncrypted)) ||
                               (b != graph::kNoPair && cx.PairHasClass(b, PlatformClass::kEncrypted));
        if (encrypted) touches[s].push_back(h);
      }
    }
    std::set<VertexId> with_candidates = network;
    for (const auto& [s, subs] : touches) with_candidates.insert(s);
    std::map<VertexId, std::pair<double, CommandLink>> best;  // by subordinate
    for (const auto& [s, subs] : touches) {
      const CandidateFeatures candidate = MeasureCandidate(cx, s, with_candidates, perpetrators);
      for (VertexId h : subs) {
        const LinkFeatures f = Measure(cx, s, h, subs.size(), candidate, incidents_of[h]);
        const double conf = Confidence(f);
        // Above the handlers' own superiors, a superior must reach several of the level below:
        // otherwise the walk up simply continues sideways (a commander "above" the chief).
        if (depth > 0 && !f.broad) continue;
        if (conf < 0.5 || (best.count(h) && best[h].first >= conf)) continue;
        CommandLink link;
        link.superior = cx.Name(s);
        link.subordinate = cx.Name(h);
        link.confidence = conf;
        link.evidence.push_back(Explain(cx, s, h, f));
        best[h] = {conf, std::move(link)};
      }
    }
    std::set<VertexId> next;
    for (auto& [h, entry] : best) {
      auto s = cx.FindEntity(entry.second.superior);
      if (s.ok()) next.insert(*s);
      links.push_back(std::move(entry.second));
    }
    network.insert(next.begin(), next.end());
    level = std::move(next);
  }
  return links;
}

std::vector<Campaign> GroupCampaigns(const std::vector<IncidentFinding>& findings, const std::vector<CommandLink>& chain) {
  // Union-find over handler names: two handlers of one incident, or under one superior, are one
  // campaign; incidents follow their handlers.
  std::map<std::string, std::string> parent;
  auto find = [&](std::string x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto add = [&](const std::string& x) {
    if (!parent.count(x)) parent[x] = x;
  };
  auto unite = [&](const std::string& a, const std::string& b) {
    add(a);
    add(b);
    parent[find(a)] = find(b);
  };
  for (const IncidentFinding& f : findings) {
    for (const HandlerFinding& h : f.handlers) {
      add(h.who.entity);
      unite(h.who.entity, f.handlers.front().who.entity);
    }
  }
  for (const CommandLink& l : chain) {
    if (parent.count(l.subordinate)) unite(l.superior, l.subordinate);
  }
  std::map<std::string, Campaign> by_root;
  for (const IncidentFinding& f : findings) {
    if (f.handlers.empty()) continue;
    by_root[find(f.handlers.front().who.entity)].incidents.push_back(f.incident);
  }
  std::set<std::string> handler_names;  // superiors join campaigns but are not listed as handlers
  for (const IncidentFinding& f : findings) {
    for (const HandlerFinding& h : f.handlers) handler_names.insert(h.who.entity);
  }
  for (const auto& [name, p] : parent) {
    const std::string root = find(name);
    if (by_root.count(root) && handler_names.count(name)) by_root[root].handlers.push_back(name);
  }
  std::vector<Campaign> out;
  for (auto& [root, c] : by_root) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(), [](const Campaign& a, const Campaign& b) { return a.incidents.size() > b.incidents.size(); });
  return out;
}

}  // namespace linchpin::attribute::internal
