// Attribute(): the pipeline of attribute.h — select incidents, find their perpetrators' entities,
// learn the population baseline once, score every incident's candidates (in parallel: incidents
// are independent until the cross-incident links), find introductions, link across incidents,
// decide verdicts, then the chain of command, campaigns and disruption priority.
#include "attribute/attribute.h"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "attribute/internal.h"
#include "model/case_names.h"

namespace linchpin::attribute {


namespace {

using internal::IncidentWork;

Result<std::vector<IncidentWork>> SelectIncidents(const internal::Context& cx, const AttributeOptions& options) {
  const CaseData& c = cx.c;
  const graph::TemporalGraph& tg = cx.tg;
  std::vector<IncidentWork> works;
  for (const std::string& id : options.incidents) {
    if (std::none_of(c.incidents.begin(), c.incidents.end(), [&](const Incident& i) { return i.id == id; })) {
      return Status::NotFound("no incident '" + id + "' in the case");
    }
  }
  // Every incident is scored even when some are asked for: links to other incidents are
  // evidence. The report keeps the ones asked for.
  for (const Incident& incident : c.incidents) {
    if (incident.time == kNoTime) return Status::InvalidArgument("incident '" + incident.id + "' has no time");
    IncidentWork w;
    w.incident = &incident;
    for (const std::string& person : incident.perpetrators) {
      auto v = cx.FindEntity(person);
      if (v.ok() && (tg.out_begin(*v) != tg.out_end(*v) || !tg.in_pairs(*v).empty())) {
        w.perpetrators.push_back(*v);
      } else {
        w.missing.push_back(person);
      }
    }
    works.push_back(std::move(w));
  }
  return works;
}

// Every entity the report names, with what the case calls it: over all of an entity's persons
// and accounts (a resolved cluster is named by its smallest account id, which may be a bare phone).
// An entity not in the graph (a perpetrator without events) is named as a person id.
std::map<std::string, std::string> LabelEntities(const internal::Context& cx, const AttributionReport& r) {
  std::map<std::string, std::string> labels;
  auto add = [&](const std::string& entity) {
    if (entity.empty() || labels.contains(entity)) return;
    auto v = cx.FindEntity(entity);
    const uint32_t person = v.ok() ? kNoIndex : cx.c.FindPerson(entity);
    std::string label = v.ok() ? cx.Label(*v) : CaseName(cx.c, std::span(&person, person == kNoIndex ? 0 : 1), {});
    if (!label.empty() && label != entity) labels.emplace(entity, std::move(label));
  };
  for (const IncidentFinding& f : r.incidents) {
    for (const EntityRef& p : f.perpetrators) add(p.entity);
    for (const HandlerFinding& h : f.handlers) add(h.who.entity);
    for (const HandlerFinding& h : f.candidates) add(h.who.entity);
    for (const Introduction& i : f.introductions) {
      for (const std::string* e : {&i.introducer, &i.a, &i.b}) add(*e);
    }
  }
  for (const CommandLink& l : r.chain_of_command) {
    add(l.superior);
    add(l.subordinate);
  }
  for (const Campaign& c : r.campaigns) {
    for (const std::string& h : c.handlers) add(h);
  }
  for (const DisruptionTarget& d : r.disruption) add(d.who.entity);
  return labels;
}

}  // namespace

Result<AttributionReport> Attribute(const CaseData& c, const graph::TemporalGraph& tg, const AttributeOptions& options) {
  if (&tg.case_data() != &c) return Status::InvalidArgument("the graph was built from another case");
  if (options.lookback <= 0) return Status::InvalidArgument("the lookback window must be positive");
  const internal::Context cx(c, tg);
  LP_ASSIGN_OR_RETURN(std::vector<IncidentWork> works, SelectIncidents(cx, options));
  // The baseline excludes every perpetrator of the case, not only the selected incidents'.
  std::vector<graph::VertexId> perpetrators;
  for (const Incident& incident : c.incidents) {
    for (const std::string& person : incident.perpetrators) {
      if (auto v = cx.FindEntity(person); v.ok()) perpetrators.push_back(*v);
    }
  }
  std::sort(perpetrators.begin(), perpetrators.end());
  const internal::Baseline baseline = internal::LearnBaseline(cx, options, perpetrators);

  tbb::parallel_for(size_t{0}, works.size(), [&](size_t i) {
    internal::ScorePairs(cx, baseline, options, works[i]);
    internal::FindIntroductions(cx, works[i]);
    internal::FindHandovers(cx, works[i]);
  });
  internal::LinkAcrossIncidents(cx, options, works);
  const std::vector<graph::VertexId> sources = internal::PropagandaSources(cx, works, options.handler_threshold);

  AttributionReport report;
  report.incidents.resize(works.size());
  tbb::parallel_for(size_t{0}, works.size(), [&](size_t i) {
    report.incidents[i] = internal::DecideIncident(cx, options, works[i], sources);
  });
  std::sort(report.incidents.begin(), report.incidents.end(), [](const IncidentFinding& a, const IncidentFinding& b) {
    return a.time != b.time ? a.time < b.time : a.incident < b.incident;
  });
  if (options.across_incidents) {
    report.chain_of_command = internal::InferChainOfCommand(cx, works, report.incidents);
    report.campaigns = internal::GroupCampaigns(report.incidents, report.chain_of_command);
    report.disruption = internal::RankDisruption(cx, report.incidents, report.chain_of_command);
  }
  if (!options.incidents.empty()) {
    std::erase_if(report.incidents, [&](const IncidentFinding& f) {
      return std::find(options.incidents.begin(), options.incidents.end(), f.incident) == options.incidents.end();
    });
  }
  report.labels = LabelEntities(cx, report);
  return report;
}

Result<AttributedCase> AttributeCase(const CaseData& c, const AttributeOptions& options, const graph::EntityMap* entities) {
  AttributedCase out;
  LP_ASSIGN_OR_RETURN(out.graph, graph::TemporalGraph::Build(c, entities ? *entities : EntitiesForAttribution(c)));
  LP_ASSIGN_OR_RETURN(out.report, Attribute(c, *out.graph, options));
  return out;
}

}  // namespace linchpin::attribute
