// JSON rendering of attribution results and evaluations; see json.h.
#include "attribute/json.h"

namespace linchpin::attribute {
namespace {

using Json = nlohmann::ordered_json;

Json EventJson(const EventRef& e) {
  Json j = {{"row", e.row}, {"time", FormatTime(e.time)}, {"platform", e.platform}, {"kind", e.kind},
            {"source", e.source}, {"target", e.target}};
  if (!e.file.empty()) j["provenance"] = e.file + ":" + std::to_string(e.line);
  return j;
}

Json EvidenceJson(const std::vector<Evidence>& evidence) {
  Json out = Json::array();
  for (const Evidence& e : evidence) {
    Json events = Json::array();
    for (const EventRef& r : e.events) events.push_back(EventJson(r));
    out.push_back({{"rule", e.rule}, {"text", e.text}, {"weight", e.weight}, {"events", events}});
  }
  return out;
}

Json EntityJson(const EntityRef& e) { return {{"entity", e.entity}, {"accounts", e.accounts}, {"persons", e.persons}}; }

Json HandlersJson(const std::vector<HandlerFinding>& handlers) {
  Json out = Json::array();
  for (const HandlerFinding& h : handlers) {
    Json j = EntityJson(h.who);
    j["score"] = h.score;
    j["log_lr"] = h.log_lr;
    j["evidence"] = EvidenceJson(h.evidence);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

Json ToJson(const AttributionReport& report) {
  Json incidents = Json::array();
  for (const IncidentFinding& f : report.incidents) {
    Json intros = Json::array();
    for (const Introduction& i : f.introductions) {
      intros.push_back({{"introducer", i.introducer}, {"a", i.a}, {"b", i.b}, {"time", FormatTime(i.time)},
                        {"evidence", EvidenceJson(i.evidence)}});
    }
    Json perpetrators = Json::array();
    for (const EntityRef& p : f.perpetrators) perpetrators.push_back(EntityJson(p));
    incidents.push_back({{"incident", f.incident}, {"verdict", std::string(ToString(f.verdict))}, {"confidence", f.confidence},
                         {"handlers", HandlersJson(f.handlers)}, {"introductions", intros}, {"time", FormatTime(f.time)},
                         {"perpetrators", perpetrators}, {"verdict_reason", f.verdict_reason},
                         {"candidates", HandlersJson(f.candidates)}, {"notes", EvidenceJson(f.notes)}});
  }
  Json chain = Json::array();
  for (const CommandLink& l : report.chain_of_command) {
    chain.push_back({{"superior", l.superior}, {"subordinate", l.subordinate}, {"confidence", l.confidence},
                     {"evidence", EvidenceJson(l.evidence)}});
  }
  Json disruption = Json::array();
  for (const DisruptionTarget& d : report.disruption) {
    Json j = EntityJson(d.who);
    j["effect"] = d.effect;
    j["explanation"] = d.explanation;
    disruption.push_back(std::move(j));
  }
  Json campaigns = Json::array();
  for (const Campaign& c : report.campaigns) campaigns.push_back({{"handlers", c.handlers}, {"incidents", c.incidents}});
  Json labels = Json::object();
  for (const auto& [entity, label] : report.labels) labels[entity] = label;
  return {{"incidents", incidents}, {"chain_of_command", chain}, {"disruption", disruption}, {"campaigns", campaigns},
          {"labels", labels}};
}

Json ToJson(const Evaluation& e) {
  Json by_incident = Json::array();
  for (const IncidentEvaluation& i : e.by_incident) {
    by_incident.push_back({{"incident", i.incident}, {"truth_verdict", i.truth_verdict}, {"verdict", i.verdict},
                           {"confidence", i.confidence}, {"verdict_right", i.verdict_right},
                           {"truth_handlers", i.truth_handlers}, {"handlers_found", i.handlers_found},
                           {"returned", i.returned}, {"returned_right", i.returned_right},
                           {"top_handler", i.top_handler}, {"top_handler_role", i.top_handler_role}});
  }
  Json chain = e.chain_accuracy < 0 ? Json(nullptr) : Json(e.chain_accuracy);
  return {{"handler_precision", e.handler_precision}, {"handler_recall", e.handler_recall},
          {"verdict_accuracy", e.verdict_accuracy}, {"decoys_accused", e.decoys_accused},
          {"introduction_precision", e.introduction_precision}, {"introduction_recall", e.introduction_recall},
          {"chain_accuracy", chain}, {"verdict_brier", e.verdict_brier}, {"incidents", e.incidents},
          {"truth_introductions", e.truth_introductions}, {"predicted_introductions", e.predicted_introductions},
          {"chain_links", e.chain_links}, {"by_incident", by_incident}};
}

}  // namespace linchpin::attribute
