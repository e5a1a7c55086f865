// Tests of the HTML report: structure (sections, charts, anchors that resolve), escaping of
// untrusted names, self-containment, determinism, and the pieces underneath (text helpers, the
// contact index, chart layout). The sample case (sample_case.h) is small enough to count by hand.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>

#include "report/charts.h"
#include "report/contacts.h"
#include "report/html_report.h"
#include "report/html_text.h"
#include "report/sample_case.h"

namespace linchpin::report {
namespace {

ReportOptions FixedOptions() {
  ReportOptions o;
  o.case_name = "Test case";
  o.generated_at = 1777032000000;  // 2026-04-24T12:00:00Z
  o.generator = "linchpin test";
  return o;
}

std::string SampleHtml() {
  const CaseData c = SampleCase();
  return RenderHtmlReport(c, SampleReport(c), FixedOptions());
}

size_t Occurrences(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

std::multiset<std::string> Matches(const std::string& html, const std::string& pattern) {
  std::multiset<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

// --- The whole report -------------------------------------------------------------------------

TEST(HtmlReport, HasEverySection) {
  const std::string html = SampleHtml();
  for (const char* id : {"how-to-read", "incidents", "incident-table", "incident-1", "incident-2", "incident-3",
                         "campaigns", "chain-of-command", "disruption", "sources"}) {
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_EQ(Occurrences(html, "class=\"chart link-chart\""), 3u);
  EXPECT_EQ(Occurrences(html, "class=\"chart timeline\""), 3u);
  EXPECT_EQ(Occurrences(html, "class=\"chart command-tree\""), 1u);
  EXPECT_NE(html.find("<title>Attribution report \xE2\x80\x94 Test case</title>"), std::string::npos);
  EXPECT_NE(html.find("Generated 2026-04-24 12:00:00 UTC by linchpin test"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_EQ(html.rfind("</html>\n"), html.size() - 8);
}

TEST(HtmlReport, EveryInternalLinkHasItsTargetAndIdsAreUnique) {
  const std::string html = SampleHtml();
  const auto ids = Matches(html, R"re( id="([^"]*)\")re");
  for (const std::string& id : ids) EXPECT_EQ(ids.count(id), 1u) << "duplicate id " << id;
  const auto hrefs = Matches(html, R"re(href="#([^"]*)\")re");
  ASSERT_GT(hrefs.size(), 40u);  // incidents, verdicts, handlers, evidence, chart nodes and edges
  for (const std::string& href : hrefs) EXPECT_EQ(ids.count(href), 1u) << "dangling link #" << href;
}

TEST(HtmlReport, EscapesNamesFromTheCase) {
  const std::string html = SampleHtml();
  // The only script element is the report's own, at the end.
  EXPECT_EQ(Occurrences(html, "<script"), 1u);
  EXPECT_EQ(html.find("alert(\""), std::string::npos);
  EXPECT_NE(html.find("Yusuf &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Okafor"), std::string::npos);
}

TEST(HtmlReport, EscapesHostileEntityNamesInChartsAndTables) {
  CaseData c = SampleCase();
  attribute::AttributionReport r = SampleReport(c);
  r.incidents[0].handlers[0].who.entity = "\"><img src=x onerror=alert(1)>";
  r.disruption[0].explanation = "</td><script>steal()</script>";
  r.chain_of_command[0].superior = "<b>boss</b>";
  const std::string html = RenderHtmlReport(c, r, FixedOptions());
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>boss"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "<script"), 1u);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(HtmlReport, IsSelfContained) {
  const std::string html = SampleHtml();
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  // The only URL is the SVG namespace, which is a name, not a fetch.
  EXPECT_EQ(Occurrences(html, "http://"), Occurrences(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
}

TEST(HtmlReport, IsDeterministic) {
  const std::string first = SampleHtml();
  EXPECT_EQ(first, SampleHtml());
  ReportOptions later = FixedOptions();
  later.generated_at += kHourMs;
  const CaseData c = SampleCase();
  EXPECT_NE(first, RenderHtmlReport(c, SampleReport(c), later));  // the time is the only input that changed
}

TEST(HtmlReport, EvidenceListsTheCitedEventsWithProvenance) {
  const CaseData c = SampleCase();
  const attribute::AttributionReport r = SampleReport(c);
  const std::string html = RenderHtmlReport(c, r, FixedOptions());
  const auto& last_contact = r.incidents[0].handlers[0].evidence[0];
  ASSERT_FALSE(last_contact.events.empty());
  for (const auto& e : last_contact.events) {
    EXPECT_NE(html.find("<code>events.csv:" + std::to_string(e.line) + "</code>"), std::string::npos) << e.line;
  }
  EXPECT_NE(html.find("id=\"incident-1-handler-1-evidence-1\""), std::string::npos);
  EXPECT_NE(html.find("12 min before"), std::string::npos);  // the last contact, relative to the attack
  // The verdict of incident 1 links to the evidence; the cited ticks of its timeline too.
  EXPECT_NE(html.find("href=\"#incident-1-handlers\""), std::string::npos);
  EXPECT_GE(Occurrences(html, "<g class=\"cited\">"), last_contact.events.size());
}

TEST(HtmlReport, LongEvidenceIsCappedAndSaysSo) {
  const CaseData c = SampleCase();
  ReportOptions o = FixedOptions();
  o.max_events_listed = 2;
  const std::string html = RenderHtmlReport(c, SampleReport(c), o);
  EXPECT_NE(html.find("more events are cited"), std::string::npos);
}

TEST(HtmlReport, CaseIncidentsWithoutAFindingStillGetARow) {
  const CaseData c = SampleCase();
  attribute::AttributionReport r = SampleReport(c);
  r.incidents.pop_back();  // INC-3 not assessed
  const std::string html = RenderHtmlReport(c, r, FixedOptions());
  EXPECT_NE(html.find("Not assessed"), std::string::npos);
  EXPECT_NE(html.find("<td>INC-3</td>"), std::string::npos);
}

TEST(HtmlReport, EmptyReportSaysWhatIsMissing) {
  const CaseData c = SampleCase();
  const std::string html = RenderHtmlReport(c, attribute::AttributionReport{}, FixedOptions());
  EXPECT_NE(html.find("No command relation"), std::string::npos);
  EXPECT_NE(html.find("No disruption targets"), std::string::npos);
  EXPECT_NE(html.find("No campaign"), std::string::npos);
  EXPECT_EQ(Occurrences(html, "Not assessed"), c.incidents.size());
  EXPECT_EQ(html.find("class=\"chart"), std::string::npos);
}

TEST(HtmlReport, ShowsPersonNamesAndVerdictLabels) {
  const std::string html = SampleHtml();
  EXPECT_NE(html.find("Abu Khalid"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"verdict directed\">Directed</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"verdict inspired\">Inspired</span>"), std::string::npos);
  EXPECT_NE(html.find(">91%<"), std::string::npos);
}

// --- Text helpers ---------------------------------------------------------------------------

TEST(HtmlText, EscapesMarkupAndQuotes) {
  EXPECT_EQ(EscapeHtml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(EscapeHtml("Ren\xC3\xA9 \xD8\xB9\xD9\x84\xD9\x8A"), "Ren\xC3\xA9 \xD8\xB9\xD9\x84\xD9\x8A");
}

TEST(HtmlText, ReplacesInvalidUtf8AndDropsControls) {
  EXPECT_EQ(EscapeHtml("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(EscapeHtml("a\xC3"), "a\xEF\xBF\xBD");          // truncated sequence
  EXPECT_EQ(EscapeHtml("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(EscapeHtml(std::string("a\0b\x07\x7F\tc", 7)), "ab\tc");
}

TEST(HtmlText, TruncatesWholeCodePoints) {
  EXPECT_EQ(TruncateUtf8("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(TruncateUtf8("abc", 3), "abc");
}

TEST(HtmlText, FormatsTimesAndNumbers) {
  EXPECT_EQ(FormatUtc(1772323200000), "2026-03-01 00:00:00 UTC");
  EXPECT_EQ(FormatUtc(kNoTime), "unknown time");
  EXPECT_EQ(FormatOffset(0, 12 * kMinuteMs), "12 min before");
  EXPECT_EQ(FormatOffset(3 * kDayMs + 4 * kHourMs, 0), "3 d 4 h after");
  EXPECT_EQ(FormatPercent(0.876), "88%");
  EXPECT_EQ(FormatPercent(1.7), "100%");
  EXPECT_EQ(FormatFixed(-0.001, 2), "0.00");
}

// --- Contacts ---------------------------------------------------------------------------------

TEST(Contacts, CountsEventsBetweenNamedEntitiesByOwner) {
  const CaseData c = SampleCase();
  const ContactIndex index(c, SampleReport(c));
  const uint32_t karim = index.Find("P-KARIM"), khalid = index.Find("H-KHALID");
  ASSERT_NE(karim, kNoIndex);
  ASSERT_NE(khalid, kNoIndex);
  // By hand: every event between any of Karim's and any of Khalid's accounts.
  std::set<EndpointId> karims, khalids;
  for (const Account& a : c.accounts) {
    if (a.owner == "P-KARIM") karims.insert(a.endpoint);
    if (a.owner == "H-KHALID") khalids.insert(a.endpoint);
  }
  uint32_t forward = 0, backward = 0;
  for (size_t i = 0; i < c.events.size(); ++i) {
    forward += karims.count(c.events.source[i]) && khalids.count(c.events.target[i]);
    backward += khalids.count(c.events.source[i]) && karims.count(c.events.target[i]);
  }
  const DirectedCount got = index.Between(karim, khalid);
  EXPECT_EQ(got.forward, forward);
  EXPECT_EQ(got.backward, backward);
  EXPECT_EQ(got.total(), 72u);  // 70 exchanged, the first and the last contact
  EXPECT_EQ(index.Find("nobody"), kNoIndex);
}

TEST(Contacts, RunUpKeepsTheWindowAndThePerpetratorsContactsOnly) {
  const CaseData c = SampleCase();
  const ContactIndex index(c, SampleReport(c));
  const uint32_t karim = index.Find("P-KARIM");
  const TimeMs incident = c.incidents[0].time;
  const auto run_up = RunUpContacts(c, index, {karim}, incident - 2 * kDayMs, incident);
  ASSERT_FALSE(run_up.empty());
  for (const RunUpContact& rc : run_up) {
    EXPECT_GE(rc.time, incident - 2 * kDayMs);
    EXPECT_LT(rc.time, incident);
    const uint32_t s = index.EntityOfEndpoint(c.events.source[rc.row]);
    const uint32_t t = index.EntityOfEndpoint(c.events.target[rc.row]);
    EXPECT_TRUE((s == karim) != (t == karim));
    EXPECT_EQ(rc.to_perpetrator, t == karim);
  }
  EXPECT_EQ(run_up.back().counterpart, index.Find("H-KHALID"));  // the last contact
}

// --- Charts -----------------------------------------------------------------------------------

double StrokeWidthOf(const std::string& svg) {
  std::smatch m;
  const std::regex re(R"re(class="edge" d="[^"]*" stroke-width="([0-9.]+)")re");
  EXPECT_TRUE(std::regex_search(svg, m, re));
  return m.empty() ? 0 : std::stod(m[1].str());
}

TEST(Charts, EdgeWidthGrowsWithEvents) {
  const std::vector<ChartNode> nodes = {{"P", "", "", "", ChartRole::kPerpetrator}, {"H", "", "", "", ChartRole::kHandler}};
  const double few = StrokeWidthOf(RenderLinkChart(nodes, {{0, 1, 2, false, "2", "", ""}}, "t"));
  const double many = StrokeWidthOf(RenderLinkChart(nodes, {{0, 1, 200, false, "200", "", ""}}, "t"));
  EXPECT_LT(few, many);
  EXPECT_LE(many, 12.0);
  const std::string dashed = RenderLinkChart(nodes, {{0, 1, 2, true, "", "", ""}}, "t");
  EXPECT_NE(dashed.find("class=\"edge introduced\""), std::string::npos);
}

TEST(Charts, TimelineBinsManyEventsIntoFewTicks) {
  TimelineSpec spec;
  spec.incident = 100 * kDayMs;
  spec.days_before = 30;
  spec.lanes = {{"H", "", true}};
  for (int k = 0; k < 20000; ++k) {
    spec.ticks.push_back({spec.incident - (k % 29) * kDayMs - k * kSecondMs, 0, PlatformClass::kEncrypted, k % 2 == 0, "", ""});
  }
  spec.ticks.push_back({spec.incident - kHourMs, 0, PlatformClass::kPhone, true, "#e1", "cited"});
  const std::string svg = RenderTimeline(spec);
  EXPECT_LT(Occurrences(svg, "class=\"tick\""), 2u * 2000u);  // at most a tick per pixel and side
  EXPECT_GT(Occurrences(svg, "class=\"tick\""), 20u);
  EXPECT_EQ(Occurrences(svg, "<a href=\"#e1\">"), 1u);
  EXPECT_NE(svg.find("\xE2\x88\x92" "30 d"), std::string::npos);  // the axis counts days before
}

TEST(Charts, CommandTreePutsSuperiorsAboveSubordinates) {
  const std::vector<TreeNode> nodes = {{"C-low", ""}, {"A-top", ""}, {"B-mid", ""}};
  const std::string svg = RenderCommandTree(nodes, {{1, 2, 0.9, ""}, {2, 0, 0.5, ""}}, "t");
  std::map<std::string, double> y_of;
  const std::regex re(R"re(<g class="command-node"><rect x="[0-9.]+" y="([0-9.]+)"[^>]*/><text[^>]*>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    y_of[(*it)[2].str()] = std::stod((*it)[1].str());
  }
  ASSERT_EQ(y_of.size(), 3u);
  EXPECT_LT(y_of["A-top"], y_of["B-mid"]);
  EXPECT_LT(y_of["B-mid"], y_of["C-low"]);
}

TEST(Charts, CommandTreeSurvivesACycle) {
  const std::vector<TreeNode> nodes = {{"A", ""}, {"B", ""}};
  const std::string svg = RenderCommandTree(nodes, {{0, 1, 0.5, ""}, {1, 0, 0.5, ""}}, "t");
  EXPECT_EQ(Occurrences(svg, "class=\"command-node\""), 2u);
}

}  // namespace
}  // namespace linchpin::report
