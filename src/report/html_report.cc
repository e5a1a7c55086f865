// The HTML report (see html_report.h; what each section shows: docs/report.md).
//
// One ReportWriter renders one report: it indexes the case once (incidents by id, person names,
// the contacts between the entities the report names, which event rows are cited where) and then
// appends the sections in reading order. Anchors are built from positions in the report, never
// from names, so an id is always a safe token and two entities with odd names cannot collide.
#include "report/html_report.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "model/case_names.h"
#include "report/charts.h"
#include "report/contacts.h"
#include "report/html_text.h"
#include "report/report_assets.h"

namespace linchpin::report {

namespace {

using attribute::AttributionReport;
using attribute::EntityRef;
using attribute::EventRef;
using attribute::Evidence;
using attribute::HandlerFinding;
using attribute::IncidentFinding;
using attribute::Verdict;

std::string Esc(std::string_view s) { return EscapeHtml(s); }
std::string N(size_t i) { return std::to_string(i + 1); }  // anchors and lists count from 1

// --- Anchors: positional, so always safe ids. ---
std::string IncidentAnchor(size_t i) { return "incident-" + N(i); }
std::string VerdictAnchor(size_t i) { return IncidentAnchor(i) + "-verdict"; }
std::string HandlersAnchor(size_t i) { return IncidentAnchor(i) + "-handlers"; }
std::string TimelineAnchor(size_t i) { return IncidentAnchor(i) + "-timeline"; }
std::string HandlerAnchor(size_t i, size_t h) { return IncidentAnchor(i) + "-handler-" + N(h); }
std::string NotesAnchor(size_t i) { return IncidentAnchor(i) + "-notes"; }
std::string CandidateAnchor(size_t i, size_t k) { return IncidentAnchor(i) + "-candidate-" + N(k); }
std::string IntroductionAnchor(size_t i, size_t x) { return IncidentAnchor(i) + "-introduction-" + N(x); }
std::string CommandAnchor(size_t j) { return "command-" + N(j); }
std::string CampaignAnchor(size_t j) { return "campaign-" + N(j); }
std::string DisruptionAnchor(size_t j) { return "disruption-" + N(j); }
std::string EvidenceAnchor(const std::string& owner, size_t k) { return owner + "-evidence-" + N(k); }

std::string Link(const std::string& anchor, const std::string& html) {
  return "<a href=\"#" + anchor + "\">" + html + "</a>";
}

// --- Verdicts, in plain language. ---
const char* VerdictLabel(Verdict v) {
  switch (v) {
    case Verdict::kDirected: return "Directed";
    case Verdict::kAssisted: return "Assisted";
    case Verdict::kInspired: return "Inspired";
    case Verdict::kNone: return "No outside role";
  }
  return "No outside role";
}
std::string VerdictBadge(Verdict v) {
  return "<span class=\"verdict " + std::string(ToString(v)) + "\">" + VerdictLabel(v) + "</span>";
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class ReportWriter {
 public:
  ReportWriter(const CaseData& c, const AttributionReport& r, const ReportOptions& o)
      : c_(c), r_(r), o_(o), contacts_(c, r), names_(c) {
    for (uint32_t i = 0; i < c.incidents.size(); ++i) case_incident_of_id_.emplace(c.incidents[i].id, i);
    IndexFirstAppearances();
    IndexCitedEvents();
  }

  std::string Render() {
    Head();
    Masthead();
    out_ += "<main>";
    CountsAndGuide();
    IncidentTable();
    for (size_t i = 0; i < r_.incidents.size(); ++i) IncidentSection(i);
    Campaigns();
    ChainOfCommand();
    Disruption();
    Sources();
    Footer();
    out_ += "</main><script>" + std::string(kReportScript) + "</script></body></html>\n";
    return std::move(out_);
  }

 private:
  // ------------------------------------------------------------------------------------------
  // Indexes
  // ------------------------------------------------------------------------------------------

  // Where each entity is first discussed, so later sections can link back to its evidence.
  void IndexFirstAppearances() {
    for (size_t i = 0; i < r_.incidents.size(); ++i) {
      for (size_t h = 0; h < r_.incidents[i].handlers.size(); ++h) {
        first_anchor_.emplace(r_.incidents[i].handlers[h].who.entity, HandlerAnchor(i, h));
      }
    }
    for (size_t i = 0; i < r_.incidents.size(); ++i) {
      for (const auto& p : r_.incidents[i].perpetrators) first_anchor_.emplace(p.entity, IncidentAnchor(i));
    }
    // Commanders who never dealt with a perpetrator themselves are discussed in the chain of command.
    for (size_t j = 0; j < r_.chain_of_command.size(); ++j) {
      first_anchor_.emplace(r_.chain_of_command[j].superior, CommandAnchor(j));
      first_anchor_.emplace(r_.chain_of_command[j].subordinate, CommandAnchor(j));
    }
  }

  // The first evidence item citing each event row, for the timelines' cited ticks.
  void IndexCitedEvents() {
    auto index = [&](const std::vector<Evidence>& list, const std::string& owner) {
      for (size_t k = 0; k < list.size(); ++k) {
        for (const EventRef& e : list[k].events) cited_.emplace(e.row, EvidenceAnchor(owner, k));
      }
    };
    for (size_t i = 0; i < r_.incidents.size(); ++i) {
      const IncidentFinding& f = r_.incidents[i];
      for (size_t h = 0; h < f.handlers.size(); ++h) index(f.handlers[h].evidence, HandlerAnchor(i, h));
      for (size_t x = 0; x < f.introductions.size(); ++x) index(f.introductions[x].evidence, IntroductionAnchor(i, x));
      index(f.notes, NotesAnchor(i));
      for (size_t k = 0; k < f.candidates.size(); ++k) index(f.candidates[k].evidence, CandidateAnchor(i, k));
    }
    for (size_t j = 0; j < r_.chain_of_command.size(); ++j) index(r_.chain_of_command[j].evidence, CommandAnchor(j));
  }

  const Incident* CaseIncident(const std::string& id) const {
    auto it = case_incident_of_id_.find(id);
    return it == case_incident_of_id_.end() ? nullptr : &c_.incidents[it->second];
  }

  // What the case calls an entity: attribution's label for it (over all its persons and
  // accounts), else the name of the entity or of one of `persons` as a person or an account.
  std::string PersonName(const std::string& entity, const std::vector<std::string>& persons = {}) const {
    if (auto it = r_.labels.find(entity); it != r_.labels.end()) return it->second;
    std::vector<std::string> ids{entity};
    ids.insert(ids.end(), persons.begin(), persons.end());
    return names_.Of(ids, {&entity, 1});
  }

  // "Name (id)" when the case names the person, else the entity id — escaped HTML.
  std::string EntityHtml(const std::string& entity, const std::vector<std::string>& persons = {}) const {
    const std::string name = PersonName(entity, persons);
    if (name.empty() || name == entity) return "<span class=\"entity\">" + Esc(entity) + "</span>";
    return "<span class=\"entity\">" + Esc(name) + "</span> <code>" + Esc(entity) + "</code>";
  }

  // An entity, linked to where its evidence is when it has any.
  std::string EntityLink(const std::string& entity, const std::vector<std::string>& persons = {}) const {
    auto it = first_anchor_.find(entity);
    return it == first_anchor_.end() ? EntityHtml(entity, persons) : Link(it->second, EntityHtml(entity, persons));
  }

  std::string ChartLabel(const std::string& entity, const std::vector<std::string>& persons = {}) const {
    const std::string name = PersonName(entity, persons);
    return name.empty() ? entity : name;
  }

  std::string Provenance(const EventRef& e) const {
    if (!e.file.empty()) return e.file + ":" + std::to_string(e.line);
    if (e.row < c_.events.provenance.size()) {
      const linchpin::Provenance& p = c_.events.provenance[e.row];
      if (p.source < c_.sources.size()) return c_.sources[p.source] + ":" + std::to_string(p.line);
    }
    return "not recorded";
  }

  // ------------------------------------------------------------------------------------------
  // Page frame
  // ------------------------------------------------------------------------------------------

  std::string Title() const {
    return "Attribution report" + (o_.case_name.empty() ? std::string() : " \xE2\x80\x94 " + o_.case_name);
  }

  void Head() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            // The page must never reach the network: nothing to fetch, no scripts from elsewhere.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            "<meta name=\"generator\" content=\"" + Esc(o_.generator) + "\">"
            "<title>" + Esc(Title()) + "</title><style>" + std::string(kReportStylesheet) + "</style></head><body>";
  }

  void Masthead() {
    out_ += "<header class=\"masthead\"><div class=\"inner\"><div class=\"kicker\">Linchpin \xC2\xB7 "
            "handler attribution<span class=\"marking\">Analyst working document</span></div><h1>" +
            Esc(o_.case_name.empty() ? "Attribution report" : o_.case_name) + "</h1><div class=\"meta\">";
    if (o_.generated_at != kNoTime) out_ += "Generated " + Esc(FormatUtc(o_.generated_at)) + " by " + Esc(o_.generator);
    else out_ += "Generated by " + Esc(o_.generator);
    if (!c_.events.time.empty()) {
      out_ += " \xC2\xB7 events from " + Esc(FormatDate(c_.events.time.front())) + " to " +
              Esc(FormatDate(c_.events.time.back()));
    }
    out_ += "</div></div></header>";
  }

  void Count(size_t n, const std::string& what) {
    out_ += "<div class=\"count\"><span class=\"n\">" + Esc(WithSeparators(n)) + "</span><span class=\"what\">" +
            Esc(what) + "</span></div>";
  }

  static std::string WithSeparators(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  }

  void CountsAndGuide() {
    size_t outside_role = 0;
    std::set<std::string> handlers;
    for (const auto& f : r_.incidents) {
      if (f.verdict == Verdict::kDirected || f.verdict == Verdict::kAssisted) ++outside_role;
      for (const auto& h : f.handlers) handlers.insert(h.who.entity);
    }
    out_ += "<section class=\"counts\" aria-label=\"Case in numbers\">";
    Count(std::max(c_.incidents.size(), r_.incidents.size()), "incidents in the case");
    Count(outside_role, "directed or assisted");
    Count(handlers.size(), "handlers identified");
    Count(r_.campaigns.size(), "campaigns");
    Count(c_.persons.size(), "persons");
    Count(c_.accounts.size(), "accounts");
    Count(c_.events.size(), "contact events");
    out_ += "</section>";
    HowToRead();
  }

  void HowToRead() {
    out_ += R"(<section class="howto" id="how-to-read"><h2>How to read this report</h2>
<p>Each incident gets a <strong>verdict</strong> on whether someone outside the perpetrators took part:</p>
<dl>
<dt><span class="verdict directed">Directed</span></dt><dd>A remote handler planned or steered the attack: sustained contact with the perpetrator in the run-up, timed with its preparation.</dd>
<dt><span class="verdict assisted">Assisted</span></dt><dd>Someone outside helped (contact, introductions, support) but the data does not show them steering the attack.</dd>
<dt><span class="verdict inspired">Inspired</span></dt><dd>The perpetrator followed outside propaganda or networks, but no handler contact was found.</dd>
<dt><span class="verdict none">No outside role</span></dt><dd>Nothing in the data links the incident to anyone beyond the perpetrators.</dd>
</dl>
<p><strong>Confidence</strong> is the calibrated probability that the verdict is right: of all verdicts given 80% confidence, about eight in ten are expected to be correct. A handler's <strong>score</strong> (0 to 1) is the model's probability that this entity acted as a handler, given the evidence listed under it; entities below the handler threshold are listed as other candidates. Neither number is a finding of guilt.</p>
<p>Every claim links to its evidence: the events behind it with their time, platform, direction and the source file and line they were read from. Click a sentence to expand its events. The data is communications <em>metadata</em> only (who contacted whom, when, on which platform); there is no message content, and this report quotes none. Absence of contact in this data is not proof of absence.</p>
<div class="controls"><button type="button" data-expand="all">Expand all evidence</button><button type="button" data-expand="none">Collapse all</button></div>
</section>)";
  }

  // ------------------------------------------------------------------------------------------
  // Incident table
  // ------------------------------------------------------------------------------------------

  static int VerdictRank(Verdict v) { return static_cast<int>(v); }  // directed first

  std::string PerpetratorList(const IncidentFinding& f) const {
    std::string out;
    for (size_t p = 0; p < f.perpetrators.size(); ++p) {
      if (p > 0) out += ", ";
      out += Esc(ChartLabel(f.perpetrators[p].entity, f.perpetrators[p].persons));
    }
    return out;
  }

  void IncidentRow(size_t i) {
    const IncidentFinding& f = r_.incidents[i];
    const Incident* meta = CaseIncident(f.incident);
    const TimeMs when = f.time != kNoTime ? f.time : meta ? meta->time : kNoTime;
    out_ += "<tr><td>" + Link(IncidentAnchor(i), Esc(f.incident)) + "</td><td data-sort=\"" +
            std::to_string(when == kNoTime ? 0 : when) + "\">" + Esc(FormatDate(when)) + "</td><td>" +
            Esc(meta ? meta->kind : "") + "</td><td>" + Esc(meta ? meta->place : "") + "</td><td>" +
            PerpetratorList(f) + "</td><td data-sort=\"" + std::to_string(VerdictRank(f.verdict)) + "\">" +
            Link(VerdictAnchor(i), VerdictBadge(f.verdict)) + "</td><td class=\"num\" data-sort=\"" +
            FormatFixed(f.confidence, 4) + "\">" + FormatPercent(f.confidence) + "</td><td>";
    if (!f.handlers.empty()) {
      const HandlerFinding& lead = f.handlers.front();
      out_ += Link(HandlerAnchor(i, 0), Esc(ChartLabel(lead.who.entity, lead.who.persons))) +
              " <span class=\"note\">" + FormatFixed(lead.score, 2) + "</span>";
    } else {
      out_ += "<span class=\"note\">none</span>";
    }
    out_ += "</td><td class=\"num\">" + std::to_string(f.handlers.size()) + "</td></tr>";
  }

  // Incidents in the case that the attribution did not assess still get a row: a missing row
  // would read as "nothing happened".
  void UnassessedRow(const Incident& meta) {
    out_ += "<tr><td>" + Esc(meta.id) + "</td><td data-sort=\"" + std::to_string(meta.time == kNoTime ? 0 : meta.time) +
            "\">" + Esc(FormatDate(meta.time)) + "</td><td>" + Esc(meta.kind) + "</td><td>" + Esc(meta.place) +
            "</td><td>" + Esc(JoinNames(meta.perpetrators)) +
            "</td><td data-sort=\"9\"><span class=\"verdict unassessed\">Not assessed</span></td>"
            "<td class=\"num\" data-sort=\"-1\">\xE2\x80\x94</td><td></td><td class=\"num\">0</td></tr>";
  }

  std::string JoinNames(const std::vector<std::string>& person_ids) const {
    std::string out;
    for (size_t p = 0; p < person_ids.size(); ++p) out += (p > 0 ? ", " : "") + ChartLabel(person_ids[p]);
    return out;
  }

  void IncidentTable() {
    out_ += "<h2 id=\"incidents\">Incidents</h2><div class=\"panel\"><table class=\"sortable\" id=\"incident-table\">"
            "<thead><tr><th>Incident</th><th>Date (UTC)</th><th>Kind</th><th>Place</th><th>Perpetrators</th>"
            "<th>Verdict</th><th class=\"num\">Confidence</th><th>Lead handler</th><th class=\"num\">Handlers</th>"
            "</tr></thead><tbody>";
    std::set<std::string> assessed;
    for (size_t i = 0; i < r_.incidents.size(); ++i) {
      IncidentRow(i);
      assessed.insert(r_.incidents[i].incident);
    }
    for (const Incident& meta : c_.incidents) {
      if (!assessed.count(meta.id)) UnassessedRow(meta);
    }
    out_ += "</tbody></table><p class=\"note\">Click a column heading to sort. Click an incident for its charts and "
            "evidence, a verdict for the reasons behind it.</p></div>";
  }

  // ------------------------------------------------------------------------------------------
  // One incident
  // ------------------------------------------------------------------------------------------

  void IncidentSection(size_t i) {
    const IncidentFinding& f = r_.incidents[i];
    const Incident* meta = CaseIncident(f.incident);
    const TimeMs when = f.time != kNoTime ? f.time : meta ? meta->time : kNoTime;
    out_ += "<section class=\"incident\" id=\"" + IncidentAnchor(i) + "\"><div class=\"incident-head\"><h3>" +
            Esc(f.incident) + (meta && !meta->kind.empty() ? " \xC2\xB7 " + Esc(meta->kind) : "") +
            "</h3><span class=\"when\">" + Esc(FormatUtc(when));
    if (meta && !meta->place.empty()) out_ += " \xC2\xB7 " + Esc(meta->place);
    if (meta && !meta->country.empty()) out_ += ", " + Esc(meta->country);
    out_ += "</span></div>";
    VerdictClaim(i);
    out_ += "<p class=\"facts\">Perpetrators: ";
    for (size_t p = 0; p < f.perpetrators.size(); ++p) {
      out_ += (p > 0 ? ", " : "") + EntityHtml(f.perpetrators[p].entity, f.perpetrators[p].persons);
    }
    if (f.perpetrators.empty()) out_ += "none recorded";
    if (meta && meta->provenance.source < c_.sources.size()) {
      out_ += " \xC2\xB7 incident recorded in <code>" + Esc(c_.sources[meta->provenance.source]) + ":" +
              std::to_string(meta->provenance.line) + "</code>";
    }
    out_ += "</p>";
    IncidentLinkChart(i);
    IncidentTimeline(i, when);
    HandlerFindings(i, when);
    Introductions(i, when);
    Notes(i, when);
    Candidates(i, when);
    out_ += "</section>";
  }

  void VerdictClaim(size_t i) {
    const IncidentFinding& f = r_.incidents[i];
    out_ += "<p class=\"finding\" id=\"" + VerdictAnchor(i) + "\">" + VerdictBadge(f.verdict) + " with confidence <strong>" +
            FormatPercent(f.confidence) + "</strong>. ";
    if (f.handlers.empty()) {
      out_ += "No handler identified \xE2\x80\x94 " + Link(TimelineAnchor(i), "see the perpetrators\xE2\x80\x99 contacts") + ".</p>";
      VerdictReason(f);
      return;
    }
    const HandlerFinding& lead = f.handlers.front();
    out_ += "Lead handler " + Link(HandlerAnchor(i, 0), EntityHtml(lead.who.entity, lead.who.persons)) + " (score " +
            FormatFixed(lead.score, 2) + ", " + Plural(lead.evidence.size(), "finding", "findings") + ")";
    if (f.handlers.size() > 1) out_ += " and " + Plural(f.handlers.size() - 1, "other handler", "other handlers");
    out_ += ". " + Link(HandlersAnchor(i), "Evidence \xE2\x86\x93") + "</p>";
    VerdictReason(f);
  }

  void VerdictReason(const IncidentFinding& f) {
    if (!f.verdict_reason.empty()) out_ += "<p class=\"reason\">Why: " + Esc(f.verdict_reason) + "</p>";
  }

  // Charted: the perpetrators, the best handlers, and introducers who are neither.
  struct ChartedEntity {
    std::string entity;
    uint32_t contact_id = kNoIndex;
  };

  void IncidentLinkChart(size_t i) {
    const IncidentFinding& f = r_.incidents[i];
    std::vector<ChartNode> nodes;
    std::vector<ChartedEntity> charted;
    auto add = [&](const std::string& entity, ChartNode node) {
      for (const auto& e : charted) {
        if (e.entity == entity) return;
      }
      charted.push_back({entity, contacts_.Find(entity)});
      nodes.push_back(std::move(node));
    };
    for (const auto& p : f.perpetrators) {
      add(p.entity, {ChartLabel(p.entity, p.persons), "perpetrator", p.entity, IncidentAnchor(i), ChartRole::kPerpetrator});
    }
    const size_t handlers = std::min(f.handlers.size(), o_.max_handlers_charted);
    for (size_t h = 0; h < handlers; ++h) {
      const HandlerFinding& hf = f.handlers[h];
      add(hf.who.entity, {ChartLabel(hf.who.entity, hf.who.persons), "score " + FormatFixed(hf.score, 2),
                          hf.who.entity, HandlerAnchor(i, h), ChartRole::kHandler});
    }
    for (size_t x = 0; x < f.introductions.size(); ++x) {
      const auto& intro = f.introductions[x];
      add(intro.introducer, {ChartLabel(intro.introducer), "introducer", intro.introducer, IntroductionAnchor(i, x),
                             ChartRole::kIntroducer});
    }
    const std::vector<ChartEdge> edges = LinkChartEdges(i, charted);
    out_ += "<figure id=\"" + IncidentAnchor(i) + "-chart\">" +
            RenderLinkChart(nodes, edges, "Link chart of " + f.incident) +
            "<figcaption><strong>Who was in contact.</strong> Perpetrators left, handlers right (best first); "
            "line width grows with the number of contact events over the whole case, the number on a line is that count. "
            "Click a person or a line for the evidence.";
    if (f.handlers.size() > handlers) {
      out_ += " " + Plural(f.handlers.size() - handlers, "more handler is", "more handlers are") + " listed below but not drawn.";
    }
    out_ += "</figcaption><ul class=\"legend\"><li><span class=\"swatch\" style=\"background:#a61b29\"></span>perpetrator</li>"
            "<li><span class=\"swatch\" style=\"background:#1d3a6e\"></span>handler</li>"
            "<li><span class=\"swatch\" style=\"background:#6a3d9a\"></span>introducer</li>"
            "<li><span class=\"line\"></span>contact</li><li><span class=\"line dashed\"></span>tie made through an introduction</li>"
            "</ul></figure>";
  }

  std::vector<ChartEdge> LinkChartEdges(size_t i, const std::vector<ChartedEntity>& charted) const {
    const IncidentFinding& f = r_.incidents[i];
    auto introduction_of = [&](const std::string& a, const std::string& b) -> int {
      for (size_t x = 0; x < f.introductions.size(); ++x) {
        const auto& intro = f.introductions[x];
        if ((intro.a == a && intro.b == b) || (intro.a == b && intro.b == a)) return static_cast<int>(x);
      }
      return -1;
    };
    std::vector<ChartEdge> edges;
    for (uint32_t a = 0; a < charted.size(); ++a) {
      for (uint32_t b = a + 1; b < charted.size(); ++b) {
        DirectedCount count;
        if (charted[a].contact_id != kNoIndex && charted[b].contact_id != kNoIndex) {
          count = contacts_.Between(charted[a].contact_id, charted[b].contact_id);
        }
        const int introduction = introduction_of(charted[a].entity, charted[b].entity);
        if (count.total() == 0 && introduction < 0) continue;
        ChartEdge e;
        e.a = a;
        e.b = b;
        e.events = count.total();
        e.introduced = introduction >= 0;
        e.label = count.total() > 0 ? std::to_string(count.total()) : "";
        e.tooltip = charted[a].entity + " \xE2\x86\x92 " + charted[b].entity + ": " + std::to_string(count.forward) +
                    " events; " + charted[b].entity + " \xE2\x86\x92 " + charted[a].entity + ": " +
                    std::to_string(count.backward) + " events";
        if (introduction >= 0) {
          const auto& intro = f.introductions[introduction];
          e.tooltip += "; introduced by " + intro.introducer + ", first contact " + FormatUtc(intro.time);
          e.href = "#" + IntroductionAnchor(i, introduction);
        } else {
          e.href = EdgeHref(i, charted[a].entity, charted[b].entity);
        }
        edges.push_back(std::move(e));
      }
    }
    return edges;
  }

  // A line leads to the evidence of the handler at either end.
  std::string EdgeHref(size_t i, const std::string& a, const std::string& b) const {
    const auto& handlers = r_.incidents[i].handlers;
    for (size_t h = 0; h < handlers.size(); ++h) {
      if (handlers[h].who.entity == b || handlers[h].who.entity == a) return "#" + HandlerAnchor(i, h);
    }
    return "";
  }

  // The run-up window: at least run_up_days, stretched to the earliest event cited for this incident.
  int RunUpDays(const IncidentFinding& f, TimeMs when) const {
    int days = o_.run_up_days;
    for (const auto& h : f.handlers) {
      for (const auto& ev : h.evidence) {
        for (const EventRef& e : ev.events) {
          if (e.time != kNoTime && e.time < when) {
            days = std::max(days, static_cast<int>(std::min<TimeMs>(365, (when - e.time) / kDayMs + 2)));
          }
        }
      }
    }
    return days;
  }

  // Lanes of a timeline: the charted handlers, then introducers who are neither handler nor
  // perpetrator, then everyone else. Returns the ContactIndex entity of each named lane.
  std::vector<uint32_t> TimelineLanes(size_t i, const std::vector<uint32_t>& perpetrators, TimelineSpec& spec) const {
    const IncidentFinding& f = r_.incidents[i];
    std::vector<uint32_t> lane_entities;
    auto has = [](const std::vector<uint32_t>& v, uint32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    const size_t handlers = std::min(f.handlers.size(), o_.max_handlers_charted);
    for (size_t h = 0; h < handlers; ++h) {
      const auto& who = f.handlers[h].who;
      spec.lanes.push_back({ChartLabel(who.entity, who.persons), "#" + HandlerAnchor(i, h), true});
      lane_entities.push_back(contacts_.Find(who.entity));
    }
    for (size_t x = 0; x < f.introductions.size(); ++x) {
      const uint32_t id = contacts_.Find(f.introductions[x].introducer);
      if (id == kNoIndex || has(lane_entities, id) || has(perpetrators, id)) continue;
      spec.lanes.push_back({ChartLabel(f.introductions[x].introducer), "#" + IntroductionAnchor(i, x), false});
      lane_entities.push_back(id);
    }
    spec.lanes.push_back({"everyone else", "", false});
    return lane_entities;
  }

  TimelineTick TickFor(const RunUpContact& rc, const std::vector<uint32_t>& lane_entities, uint32_t others_lane) const {
    TimelineTick tick;
    tick.time = rc.time;
    tick.platform_class = rc.platform_class;
    tick.to_perpetrator = rc.to_perpetrator;
    const auto lane = std::find(lane_entities.begin(), lane_entities.end(), rc.counterpart);
    tick.lane = rc.counterpart != kNoIndex && lane != lane_entities.end()
                    ? static_cast<uint32_t>(lane - lane_entities.begin())
                    : others_lane;
    if (auto cited = cited_.find(rc.row); cited != cited_.end()) {
      tick.cited_href = "#" + cited->second;
      tick.tooltip = FormatUtc(rc.time) + " \xC2\xB7 " + PlatformName(rc.row) + " \xC2\xB7 cited as evidence";
    }
    return tick;
  }

  void IncidentTimeline(size_t i, TimeMs when) {
    const IncidentFinding& f = r_.incidents[i];
    out_ += "<figure id=\"" + TimelineAnchor(i) + "\">";
    if (when == kNoTime) {
      out_ += "<p class=\"note\">The incident has no time, so there is no run-up to draw.</p></figure>";
      return;
    }
    TimelineSpec spec;
    spec.title = "Run-up to " + f.incident;
    spec.incident = when;
    spec.days_before = RunUpDays(f, when);
    spec.days_after = o_.after_days;
    std::vector<uint32_t> perpetrators;
    for (const auto& p : f.perpetrators) perpetrators.push_back(contacts_.Find(p.entity));
    const std::vector<uint32_t> lane_entities = TimelineLanes(i, perpetrators, spec);
    const auto others_lane = static_cast<uint32_t>(spec.lanes.size() - 1);
    const auto contacts = RunUpContacts(c_, contacts_, perpetrators, when - spec.days_before * kDayMs,
                                        when + spec.days_after * kDayMs);
    for (const RunUpContact& rc : contacts) spec.ticks.push_back(TickFor(rc, lane_entities, others_lane));
    out_ += RenderTimeline(spec) + "<figcaption><strong>The run-up.</strong> " + Plural(contacts.size(), "contact event", "contact events") +
            " of the perpetrators from " + std::to_string(spec.days_before) + " days before the incident to " +
            std::to_string(spec.days_after) + " days after, one lane per handler (and introducer). Ticks above a lane: the counterpart "
            "contacted the perpetrator; below: the perpetrator made the contact; taller ticks stand for more events. "
            "Ticks with a dot are events cited as evidence (click one).</figcaption>" + PlatformLegend() + "</figure>";
  }

  static std::string PlatformLegend() {
    std::string out = "<ul class=\"legend\">";
    for (PlatformClass cls : {PlatformClass::kPhone, PlatformClass::kEncrypted, PlatformClass::kPublic,
                              PlatformClass::kEmail, PlatformClass::kOther}) {
      out += "<li><span class=\"swatch\" style=\"background:" + std::string(PlatformClassColour(cls)) + "\"></span>" +
             std::string(ToString(cls)) + "</li>";
    }
    return out + "<li><span class=\"swatch\" style=\"background:#a61b29;width:3px\"></span>the incident</li></ul>";
  }

  std::string PlatformName(uint32_t row) const {
    if (row >= c_.events.size()) return "";
    const uint16_t p = c_.events.platform[row];
    return p < c_.platforms.size() ? c_.platforms[p].name : "";
  }

  void HandlerFindings(size_t i, TimeMs when) {
    const IncidentFinding& f = r_.incidents[i];
    if (f.handlers.empty()) return;
    out_ += "<h4 id=\"" + HandlersAnchor(i) + "\">Handlers and the evidence for each</h4>";
    for (size_t h = 0; h < f.handlers.size(); ++h) {
      const HandlerFinding& hf = f.handlers[h];
      out_ += "<article class=\"handler-finding\" id=\"" + HandlerAnchor(i, h) + "\"><h4>" + N(h) + ". " +
              EntityHtml(hf.who.entity, hf.who.persons) + " <span class=\"note\">score " + FormatFixed(hf.score, 2) +
              "</span></h4>" + IdsLine(hf.who) + EvidenceList(hf.evidence, HandlerAnchor(i, h), when) + "</article>";
    }
  }

  // Incident-level facts (an account active after its owner's death, exposure to propaganda).
  void Notes(size_t i, TimeMs when) {
    const IncidentFinding& f = r_.incidents[i];
    if (f.notes.empty()) return;
    out_ += "<h4 id=\"" + NotesAnchor(i) + "\">Other facts about this incident</h4>" + EvidenceList(f.notes, NotesAnchor(i), when);
  }

  // Runners-up below the handler threshold: shown so an analyst sees who else came close and why.
  void Candidates(size_t i, TimeMs when) {
    const IncidentFinding& f = r_.incidents[i];
    if (f.candidates.empty()) return;
    out_ += "<h4>Other candidates, below the handler threshold</h4>";
    for (size_t k = 0; k < f.candidates.size(); ++k) {
      const HandlerFinding& cf = f.candidates[k];
      out_ += "<details class=\"candidate\" id=\"" + CandidateAnchor(i, k) + "\"><summary>" +
              EntityHtml(cf.who.entity, cf.who.persons) + " <span class=\"note\">score " + FormatFixed(cf.score, 2) + " \xC2\xB7 " +
              Plural(cf.evidence.size(), "finding", "findings") + "</span></summary>" + IdsLine(cf.who) +
              EvidenceList(cf.evidence, CandidateAnchor(i, k), when) + "</details>";
    }
  }

  std::string IdsLine(const EntityRef& who) const {
    std::string out = "<p class=\"ids\">Entity <code>" + Esc(who.entity) + "</code>";
    if (!who.accounts.empty()) out += " \xC2\xB7 accounts " + CodeList(who.accounts);
    if (!who.persons.empty()) out += " \xC2\xB7 persons " + CodeList(who.persons);
    return out + "</p>";
  }

  static std::string CodeList(const std::vector<std::string>& items) {
    std::string out;
    for (size_t k = 0; k < items.size(); ++k) out += (k > 0 ? ", " : "") + ("<code>" + Esc(items[k]) + "</code>");
    return out;
  }

  void Introductions(size_t i, TimeMs when) {
    const IncidentFinding& f = r_.incidents[i];
    if (f.introductions.empty()) return;
    out_ += "<h4>Introductions</h4>";
    for (size_t x = 0; x < f.introductions.size(); ++x) {
      const auto& intro = f.introductions[x];
      out_ += "<article class=\"handler-finding\" id=\"" + IntroductionAnchor(i, x) + "\"><p>" + EntityLink(intro.introducer) +
              " introduced " + EntityLink(intro.a) + " to " + EntityLink(intro.b) + "; their first contact: " +
              Esc(FormatUtc(intro.time)) + " (" + Esc(FormatOffset(intro.time, when)) + " the incident).</p>" +
              EvidenceList(intro.evidence, IntroductionAnchor(i, x), when) + "</article>";
    }
  }

  // ------------------------------------------------------------------------------------------
  // Evidence
  // ------------------------------------------------------------------------------------------

  std::string EvidenceList(const std::vector<Evidence>& list, const std::string& owner, TimeMs when) const {
    if (list.empty()) return "<p class=\"note\">No evidence items recorded.</p>";
    std::string out = "<ol class=\"evidence\">";
    for (size_t k = 0; k < list.size(); ++k) {
      const Evidence& ev = list[k];
      out += "<li id=\"" + EvidenceAnchor(owner, k) + "\">";
      std::string weight = "<span class=\"weight\">weight " + std::string(ev.weight >= 0 ? "+" : "") + FormatFixed(ev.weight, 2);
      weight += ev.events.empty() ? " \xC2\xB7 from the contact pattern, no single event" : " \xC2\xB7 " + Plural(ev.events.size(), "event", "events");
      weight += "</span>";
      if (ev.events.empty()) {
        out += Esc(ev.text) + weight + "</li>";
        continue;
      }
      out += "<details><summary>" + Esc(ev.text) + weight + "</summary>" + EventTable(ev.events, when) + "</details></li>";
    }
    return out + "</ol>";
  }

  std::string EventTable(const std::vector<EventRef>& events, TimeMs when) const {
    std::string out = "<table class=\"events\"><thead><tr><th>Time (UTC)</th><th>Relative to incident</th><th>Platform</th>"
                      "<th>Kind</th><th>Direction</th><th>Source file:line</th></tr></thead><tbody>";
    const size_t shown = std::min(events.size(), o_.max_events_listed);
    for (size_t k = 0; k < shown; ++k) {
      const EventRef& e = events[k];
      out += "<tr><td class=\"mono\">" + Esc(FormatUtc(e.time)) + "</td><td>" + Esc(FormatOffset(e.time, when)) + "</td><td>" +
             Esc(e.platform) + "</td><td>" + Esc(e.kind) + "</td><td><code>" + Esc(e.source) + "</code> \xE2\x86\x92 <code>" +
             Esc(e.target.empty() ? "(public)" : e.target) + "</code></td><td><code>" + Esc(Provenance(e)) + "</code></td></tr>";
    }
    out += "</tbody></table>";
    if (events.size() > shown) {
      out += "<p class=\"more\">" + Plural(events.size() - shown, "more event is", "more events are") +
             " cited; run <code>linchpin attribute --json</code> for the full list.</p>";
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Across incidents
  // ------------------------------------------------------------------------------------------

  std::string IncidentLinkById(const std::string& id) const {
    for (size_t i = 0; i < r_.incidents.size(); ++i) {
      if (r_.incidents[i].incident == id) return Link(IncidentAnchor(i), Esc(id));
    }
    return Esc(id);
  }

  void Campaigns() {
    out_ += "<h2 id=\"campaigns\">Campaigns</h2><div class=\"panel\">";
    if (r_.campaigns.empty()) {
      out_ += "<p class=\"note\">No campaign: no handler was found behind more than one incident.</p></div>";
      return;
    }
    out_ += "<p class=\"note\">Incidents linked by shared handlers.</p><table><thead><tr><th>Campaign</th><th>Handlers</th>"
            "<th>Incidents</th></tr></thead><tbody>";
    for (size_t j = 0; j < r_.campaigns.size(); ++j) {
      const auto& campaign = r_.campaigns[j];
      out_ += "<tr id=\"" + CampaignAnchor(j) + "\"><td>" + N(j) + "</td><td>";
      for (size_t k = 0; k < campaign.handlers.size(); ++k) out_ += (k > 0 ? ", " : "") + EntityLink(campaign.handlers[k]);
      out_ += "</td><td>";
      for (size_t k = 0; k < campaign.incidents.size(); ++k) out_ += (k > 0 ? ", " : "") + IncidentLinkById(campaign.incidents[k]);
      out_ += "</td></tr>";
    }
    out_ += "</tbody></table></div>";
  }

  void ChainOfCommand() {
    out_ += "<h2 id=\"chain-of-command\">Chain of command</h2><div class=\"panel\">";
    const auto& links = r_.chain_of_command;
    if (links.empty()) {
      out_ += "<p class=\"note\">No command relation between handlers was found.</p></div>";
      return;
    }
    std::vector<TreeNode> nodes;
    std::unordered_map<std::string, uint32_t> node_of;
    auto node = [&](const std::string& entity) {
      auto [it, inserted] = node_of.emplace(entity, static_cast<uint32_t>(nodes.size()));
      if (inserted) {
        auto anchor = first_anchor_.find(entity);
        nodes.push_back({ChartLabel(entity), anchor == first_anchor_.end() ? "" : "#" + anchor->second});
      }
      return it->second;
    };
    std::vector<TreeEdge> edges;
    for (size_t j = 0; j < links.size(); ++j) {
      edges.push_back({node(links[j].superior), node(links[j].subordinate), links[j].confidence, "#" + CommandAnchor(j)});
    }
    out_ += "<figure>" + RenderCommandTree(nodes, edges, "Chain of command") +
            "<figcaption><strong>Who answers to whom.</strong> Superiors above subordinates; the percentage on each "
            "arrow is the confidence in that link, and thicker arrows are surer. Click an arrow for its evidence.</figcaption></figure>";
    out_ += "<table><thead><tr><th>Superior</th><th>Subordinate</th><th class=\"num\">Confidence</th><th>Evidence</th></tr></thead><tbody>";
    for (size_t j = 0; j < links.size(); ++j) {
      out_ += "<tr id=\"" + CommandAnchor(j) + "\"><td>" + EntityLink(links[j].superior) + "</td><td>" +
              EntityLink(links[j].subordinate) + "</td><td class=\"num\">" + FormatPercent(links[j].confidence) + "</td><td>" +
              EvidenceList(links[j].evidence, CommandAnchor(j), kNoTime) + "</td></tr>";
    }
    out_ += "</tbody></table></div>";
  }

  void Disruption() {
    out_ += "<h2 id=\"disruption\">What to disrupt</h2><div class=\"panel\">";
    if (r_.disruption.empty()) {
      out_ += "<p class=\"note\">No disruption targets: no handler network was found.</p></div>";
      return;
    }
    out_ += "<p class=\"note\">Ranked by effect: the share of handler-to-recruit reach that would be lost if this "
            "entity were removed from the network.</p><table class=\"sortable\" id=\"disruption-table\"><thead><tr>"
            "<th class=\"num\">Rank</th><th>Entity</th><th>Accounts</th><th class=\"num\">Effect</th><th>Why</th></tr></thead><tbody>";
    for (size_t j = 0; j < r_.disruption.size(); ++j) {
      const auto& target = r_.disruption[j];
      const double effect = std::clamp(std::isfinite(target.effect) ? target.effect : 0.0, 0.0, 1.0);
      out_ += "<tr id=\"" + DisruptionAnchor(j) + "\"><td class=\"num\">" + N(j) + "</td><td>" +
              EntityLink(target.who.entity, target.who.persons) + "</td><td>" + CodeList(target.who.accounts) +
              "</td><td class=\"num\" data-sort=\"" + FormatFixed(effect, 4) + "\"><span class=\"bar\"><span style=\"width:" +
              FormatFixed(effect * 100, 1) + "%\"></span></span>" + FormatPercent(effect) + "</td><td>" +
              Esc(target.explanation) + "</td></tr>";
    }
    out_ += "</tbody></table></div>";
  }

  void Sources() {
    out_ += "<h2 id=\"sources\">Sources</h2><div class=\"panel\"><p class=\"note\">The files this case was ingested from; "
            "every <code>file:line</code> above points into one of them.</p><ul>";
    for (const std::string& s : c_.sources) out_ += "<li><code>" + Esc(s) + "</code></li>";
    if (c_.sources.empty()) out_ += "<li class=\"note\">none recorded</li>";
    out_ += "</ul></div>";
  }

  void Footer() {
    out_ += "<footer>" + Esc(Title()) + " \xC2\xB7 " + Esc(o_.generator);
    if (o_.generated_at != kNoTime) out_ += " \xC2\xB7 " + Esc(FormatUtc(o_.generated_at));
    out_ += " \xC2\xB7 Metadata only: the case holds no message content, and this report quotes none.</footer>";
  }

  const CaseData& c_;
  const AttributionReport& r_;
  const ReportOptions& o_;
  ContactIndex contacts_;
  const CaseNames names_;
  std::unordered_map<std::string_view, uint32_t> case_incident_of_id_;
  std::unordered_map<std::string, std::string> first_anchor_;  // entity -> anchor of its first finding
  std::unordered_map<uint32_t, std::string> cited_;           // event row -> its first evidence anchor
  std::string out_;
};

}  // namespace

std::string RenderHtmlReport(const CaseData& c, const attribute::AttributionReport& report,
                             const ReportOptions& options) {
  return ReportWriter(c, report, options).Render();
}

}  // namespace linchpin::report
