// Evaluation against simulator truth; the metric definitions are in evaluate.h.
#include "attribute/evaluate.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

namespace linchpin::attribute {
namespace {

using Json = nlohmann::json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const Json& x : *it) {
    if (x.is_string()) out.push_back(x.get<std::string>());
  }
  return out;
}

bool IsDecoy(const std::string& role) {
  return role == "journalist" || role == "researcher" || role == "family" || role == "friend" || role == "preacher" ||
         role == "hub" || role == "sympathizer";
}
bool IsCovert(const std::string& role) { return role == "chief" || role == "commander" || role == "planner"; }

// Every truth person an entity stands for.
std::set<std::string> PersonsOf(const EntityRef& e, const Truth& t) {
  std::set<std::string> out(e.persons.begin(), e.persons.end());
  for (const std::string& a : e.accounts) {
    auto it = t.owners.find(a);
    if (it != t.owners.end()) out.insert(it->second.begin(), it->second.end());
  }
  if (auto it = t.owners.find(e.entity); it != t.owners.end()) out.insert(it->second.begin(), it->second.end());
  if (t.role.count(e.entity)) out.insert(e.entity);
  return out;
}

bool Intersects(const std::set<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(b.begin(), b.end(), [&](const std::string& x) { return a.count(x) > 0; });
}

}  // namespace

Result<Truth> ReadTruth(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot open " + path);
  Json j = Json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::ParseError(path + ": not a JSON object");
  if (Str(j, "schema").rfind("linchpin-simulation-truth/", 0) != 0) {
    return Status::ParseError(path + ": expected schema linchpin-simulation-truth/N");
  }
  Truth t;
  for (const Json& p : j.value("persons", Json::array())) {
    const std::string id = Str(p, "id");
    t.role[id] = Str(p, "role");
    for (const std::string& a : Strings(p, "accounts")) t.owners[a].insert(id);
  }
  for (const Json& a : j.value("accounts", Json::array())) {
    // value() below throws on anything but an object; a hand-edited truth gets a message.
    if (!a.is_object()) return Status::ParseError(path + ": accounts: expected objects, got " + a.dump().substr(0, 40));
    std::set<std::string> owners;
    for (const Json& o : a.value("owners", Json::array())) owners.insert(Str(o, "person"));
    for (const std::string& key : {Str(a, "id"), Str(a, "key")}) {
      if (!key.empty()) t.owners[key].insert(owners.begin(), owners.end());
    }
  }
  for (const Json& i : j.value("incidents", Json::array())) {
    t.incidents.push_back({Str(i, "id"), Str(i, "verdict"), Strings(i, "perpetrators"), Strings(i, "handlers")});
  }
  for (const Json& i : j.value("introductions", Json::array())) {
    t.introductions.push_back({Str(i, "introducer"), Str(i, "a"), Str(i, "b")});
  }
  for (const Json& c : j.value("chain_of_command", Json::array())) t.chain.emplace_back(Str(c, "superior"), Str(c, "subordinate"));
  return t;
}

Evaluation Evaluate(const AttributionReport& report, const Truth& truth) {
  Evaluation ev;
  size_t returned = 0, returned_right = 0, truth_handlers = 0, found = 0, right = 0;
  double brier = 0;
  std::map<std::string, const IncidentFinding*> by_id;
  for (const IncidentFinding& f : report.incidents) by_id[f.incident] = &f;
  for (const Truth::Incident& ti : truth.incidents) {
    auto it = by_id.find(ti.id);
    if (it == by_id.end()) continue;
    const IncidentFinding& f = *it->second;
    IncidentEvaluation ie;
    ie.incident = ti.id;
    ie.truth_verdict = ti.verdict;
    ie.verdict = std::string(ToString(f.verdict));
    ie.confidence = f.confidence;
    ie.verdict_right = ie.verdict == ti.verdict;
    ie.truth_handlers = ti.handlers.size();
    std::vector<std::set<std::string>> returned_persons;
    for (const HandlerFinding& h : f.handlers) returned_persons.push_back(PersonsOf(h.who, truth));
    for (const auto& persons : returned_persons) {
      ++ie.returned;
      ie.returned_right += Intersects(persons, ti.handlers);
    }
    for (const std::string& h : ti.handlers) {
      ie.handlers_found += std::any_of(returned_persons.begin(), returned_persons.end(), [&](const auto& p) { return p.count(h) > 0; });
    }
    if (!f.handlers.empty()) {
      ie.top_handler = f.handlers.front().who.entity;
      bool decoy = false, covert = false;
      for (const std::string& p : returned_persons.front()) {
        auto r = truth.role.find(p);
        if (r == truth.role.end()) continue;
        ie.top_handler_role += (ie.top_handler_role.empty() ? "" : "+") + r->second;
        decoy |= IsDecoy(r->second);
        covert |= IsCovert(r->second);
      }
      ev.decoys_accused += decoy && !covert;
    }
    returned += ie.returned;
    returned_right += ie.returned_right;
    truth_handlers += ie.truth_handlers;
    found += ie.handlers_found;
    right += ie.verdict_right;
    brier += (ie.confidence - (ie.verdict_right ? 1.0 : 0.0)) * (ie.confidence - (ie.verdict_right ? 1.0 : 0.0));
    ev.by_incident.push_back(std::move(ie));
  }
  ev.incidents = ev.by_incident.size();
  if (returned) ev.handler_precision = static_cast<double>(returned_right) / static_cast<double>(returned);
  if (truth_handlers) ev.handler_recall = static_cast<double>(found) / static_cast<double>(truth_handlers);
  if (ev.incidents) {
    ev.verdict_accuracy = static_cast<double>(right) / static_cast<double>(ev.incidents);
    ev.verdict_brier = brier / static_cast<double>(ev.incidents);
  }

  // Introductions, matched by persons.
  struct Predicted {
    std::set<std::string> introducer, a, b;
  };
  std::vector<Predicted> predicted;
  for (const IncidentFinding& f : report.incidents) {
    for (const Introduction& i : f.introductions) {
      predicted.push_back({PersonsOf({i.introducer, {}, {}}, truth), PersonsOf({i.a, {}, {}}, truth), PersonsOf({i.b, {}, {}}, truth)});
    }
  }
  auto matches = [](const Predicted& p, const Truth::Introduction& t) {
    return p.introducer.count(t.introducer) && ((p.a.count(t.a) && p.b.count(t.b)) || (p.a.count(t.b) && p.b.count(t.a)));
  };
  size_t p_right = 0, t_found = 0;
  for (const Predicted& p : predicted) {
    p_right += std::any_of(truth.introductions.begin(), truth.introductions.end(), [&](const auto& t) { return matches(p, t); });
  }
  for (const auto& t : truth.introductions) {
    t_found += std::any_of(predicted.begin(), predicted.end(), [&](const auto& p) { return matches(p, t); });
  }
  ev.predicted_introductions = predicted.size();
  ev.truth_introductions = truth.introductions.size();
  if (!predicted.empty()) ev.introduction_precision = static_cast<double>(p_right) / static_cast<double>(predicted.size());
  if (!truth.introductions.empty()) ev.introduction_recall = static_cast<double>(t_found) / static_cast<double>(truth.introductions.size());

  // Chain of command: Jaccard of predicted links and the true links we could have judged.
  std::set<std::string> shown;  // truth persons behind every entity in the output
  for (const IncidentFinding& f : report.incidents) {
    for (const HandlerFinding& h : f.handlers) {
      for (const std::string& p : PersonsOf(h.who, truth)) shown.insert(p);
    }
  }
  std::vector<std::pair<std::set<std::string>, std::set<std::string>>> links;
  for (const CommandLink& l : report.chain_of_command) {
    links.emplace_back(PersonsOf({l.superior, {}, {}}, truth), PersonsOf({l.subordinate, {}, {}}, truth));
    for (const auto& side : {links.back().first, links.back().second}) shown.insert(side.begin(), side.end());
  }
  size_t links_right = 0, truth_missed = 0;
  for (const auto& [sup, sub] : links) {
    links_right += std::any_of(truth.chain.begin(), truth.chain.end(), [&](const auto& t) { return sup.count(t.first) && sub.count(t.second); });
  }
  for (const auto& t : truth.chain) {
    if (!shown.count(t.second)) continue;
    const bool hit = std::any_of(links.begin(), links.end(), [&](const auto& l) { return l.first.count(t.first) && l.second.count(t.second); });
    truth_missed += !hit;
  }
  ev.chain_links = links.size();
  const size_t denominator = links.size() + truth_missed;
  if (denominator) ev.chain_accuracy = static_cast<double>(links_right) / static_cast<double>(denominator);
  return ev;
}

}  // namespace linchpin::attribute
