// The report's inline stylesheet and script (see report_assets.h).
#include "report/report_assets.h"

namespace linchpin::report {

const std::string_view kReportStylesheet = R"CSS(
:root {
  --ink: #1f2933; --muted: #5f6b7a; --rule: #d9dee5; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #1d3a6e; --perp: #a61b29; --handler: #1d3a6e; --introducer: #6a3d9a;
  --directed: #a61b29; --assisted: #b35c00; --inspired: #5b6b00; --none: #5f6b7a;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0; color: var(--ink); background: var(--wash);
  font-family: "Segoe UI", "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  line-height: 1.45;
}
main { max-width: 1180px; margin: 0 auto; padding: 0 28px 48px; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
h1, h2, h3, h4 { line-height: 1.2; margin: 0; }
h2 { font-size: 1.45rem; margin: 40px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.2rem; }
h4 { font-size: 1rem; margin: 18px 0 6px; }
code, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 0.86em; }

.masthead { background: var(--ink); color: #fff; padding: 26px 0 22px; }
.masthead .inner { max-width: 1180px; margin: 0 auto; padding: 0 28px; }
.masthead .kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 0.78rem; color: #b8c4d4; }
.masthead h1 { font-size: 2rem; margin: 6px 0 8px; font-weight: 650; }
.masthead .meta { color: #d5dde8; font-size: 0.92rem; }
.marking { display: inline-block; border: 1px solid #e3b341; color: #e3b341; padding: 1px 8px;
  font-size: 0.75rem; letter-spacing: 0.1em; text-transform: uppercase; margin-left: 10px; vertical-align: middle; }

.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; margin: 22px 0 0; }
.count { background: var(--paper); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; }
.count .n { font-size: 1.55rem; font-weight: 650; display: block; }
.count .what { color: var(--muted); font-size: 0.82rem; }

.howto { background: #fffbea; border: 1px solid #eadc9f; border-left: 5px solid #d4a514; border-radius: 6px;
  padding: 14px 20px; margin: 22px 0 0; }
.howto h2 { border: 0; margin: 0 0 6px; padding: 0; font-size: 1.1rem; }
.howto dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 8px 0; }
.howto dt { font-weight: 650; }
.howto dd { margin: 0; }
.howto p { margin: 6px 0; }

.panel { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; padding: 18px 22px; margin: 14px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 650;
  background: var(--wash); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th::after { content: " \2195"; color: #b3bcc8; }
table.sortable th[aria-sort="ascending"]::after { content: " \2191"; color: var(--ink); }
table.sortable th[aria-sort="descending"]::after { content: " \2193"; color: var(--ink); }
tbody tr:hover { background: #f0f4fa; }

.verdict { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 0.8rem; font-weight: 650;
  color: #fff; white-space: nowrap; }
.verdict.directed { background: var(--directed); }
.verdict.assisted { background: var(--assisted); }
.verdict.inspired { background: var(--inspired); }
.verdict.none, .verdict.unassessed { background: var(--none); }
.bar { display: inline-block; width: 70px; height: 8px; background: #e5e9ef; border-radius: 4px; vertical-align: middle;
  margin-right: 6px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }

.incident { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; padding: 20px 24px; margin: 22px 0; }
.incident-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px 16px; }
.incident-head .when { color: var(--muted); }
.finding { font-size: 1.05rem; margin: 10px 0 4px; }
.reason { margin: 2px 0 4px; }
details.candidate { margin: 4px 0; }
.facts { color: var(--muted); font-size: 0.9rem; margin: 4px 0 0; }
figure { margin: 18px 0 6px; }
figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 4px; }
figcaption strong { color: var(--ink); }
.chart { display: block; max-width: 100%; height: auto; background: #fff; }
.chart text { font-family: inherit; fill: var(--ink); }
.chart .column-heading { font-size: 11px; letter-spacing: 0.12em; fill: var(--muted); font-weight: 650; }
.chart .node-label { font-size: 13px; font-weight: 650; }
.chart .node-sublabel { font-size: 11.5px; fill: var(--muted); }
.chart .empty-note { font-size: 13px; fill: var(--muted); font-style: italic; }
.chart .node circle { stroke: #fff; stroke-width: 2.5; }
.chart .node.perpetrator circle { fill: var(--perp); }
.chart .node.handler circle { fill: var(--handler); }
.chart .node.introducer circle { fill: var(--introducer); }
.chart .edge { fill: none; stroke: #7d8da3; stroke-opacity: 0.75; stroke-linecap: round; }
.chart .edge.introduced { stroke: var(--introducer); stroke-opacity: 0.9; stroke-linecap: butt; }
.chart a:hover .edge { stroke: var(--accent); stroke-opacity: 1; }
.chart .edge-label rect { fill: #fff; stroke: var(--rule); }
.chart .edge-label-text { font-size: 11.5px; font-variant-numeric: tabular-nums; }
.chart .lane { stroke: #c5ccd6; stroke-width: 1; }
.chart .lane-band { fill: #f7f9fb; }
.chart .lane-label { font-size: 12.5px; fill: var(--muted); }
.chart .lane-label.handler { fill: var(--ink); font-weight: 650; }
.chart .grid { stroke: #eceff3; stroke-width: 1; }
.chart .axis-label { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.chart .axis-title { font-size: 11.5px; fill: var(--muted); }
.chart .tick { stroke-width: 1.4; stroke-opacity: 0.85; }
.chart .cited line { stroke-width: 2.6; }
.chart .cited circle { stroke: #fff; stroke-width: 1; }
.chart .incident-line { stroke: var(--perp); stroke-width: 2; }
.chart .incident-label { font-size: 11.5px; fill: var(--perp); font-weight: 650; }
.chart.command-tree { margin: 0 auto; }
.chart .command-edge { fill: none; stroke: #55657a; }
.chart marker path { fill: #55657a; }
.chart .command-node rect { fill: #eef2f8; stroke: var(--handler); stroke-width: 1.5; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.82rem; color: var(--muted); margin: 6px 0 0; padding: 0; list-style: none; }
.legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 5px; }
.legend .line { display: inline-block; width: 26px; height: 0; border-top: 3px solid #7d8da3; vertical-align: 3px; margin-right: 5px; }
.legend .line.dashed { border-top: 3px dashed var(--introducer); }

.handler-finding { border-top: 1px solid var(--rule); padding: 12px 0 4px; }
.handler-finding h4 { margin: 0 0 4px; }
.ids { font-size: 0.85rem; color: var(--muted); margin: 0 0 6px; }
ol.evidence { margin: 6px 0 0; padding-left: 22px; }
ol.evidence > li { margin: 4px 0; }
ol.evidence > li:target, .handler-finding:target, tr:target, .incident:target { background: #fff6d6; }
details > summary { cursor: pointer; }
.weight { color: var(--muted); font-size: 0.82rem; margin-left: 8px; white-space: nowrap; }
details[open] > summary { margin-bottom: 6px; }
table.events { font-size: 0.82rem; margin: 4px 0 10px; }
table.events td { padding: 4px 8px; }
.more { color: var(--muted); font-size: 0.85rem; }
.controls { margin: 10px 0 0; }
.controls button { font: inherit; font-size: 0.85rem; padding: 4px 12px; margin-right: 6px; border: 1px solid var(--rule);
  background: #fff; border-radius: 4px; cursor: pointer; }
.controls button:hover { border-color: var(--accent); }
.note { color: var(--muted); font-size: 0.9rem; }
footer { color: var(--muted); font-size: 0.82rem; margin-top: 40px; border-top: 1px solid var(--rule); padding-top: 10px; }

@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  .masthead { background: #fff; color: var(--ink); border-bottom: 2px solid var(--ink); padding: 0 0 8px; }
  .masthead .inner { padding: 0; }
  .masthead .kicker, .masthead .meta { color: var(--muted); }
  .controls, table.sortable th::after { display: none; }
  a { color: inherit; }
  .panel, .incident { border: 0; padding: 0; }
  .count { border-color: #bbb; padding: 6px 10px; }
  .marking { color: #7a5c00; border-color: #7a5c00; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  th, table.sortable th { background: none; letter-spacing: 0; font-size: 7pt; white-space: normal; }
  td.num, th.num { white-space: normal; }
  .incident { break-before: page; }
  figure, tr, .handler-finding h4, .howto { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .verdict, .chart, .legend .swatch, .bar > span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  ol.evidence > li:target, .handler-finding:target, tr:target, .incident:target { background: none; }
}
)CSS";

const std::string_view kReportScript = R"JS(
(function () {
  'use strict';

  function sortKey(cell, numeric) {
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }

  function sortTable(table, column, header) {
    var body = table.tBodies[0];
    var numeric = header.classList.contains('num');
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, index: index, key: sortKey(row.cells[column], numeric) };
    });
    rows.sort(function (a, b) {
      if (a.key < b.key) return ascending ? -1 : 1;
      if (a.key > b.key) return ascending ? 1 : -1;
      return a.index - b.index;  // stable: equal keys keep their order
    });
    Array.prototype.forEach.call(header.parentNode.cells, function (th) { th.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.forEach(function (r) { body.appendChild(r.row); });
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      header.tabIndex = 0;
      header.addEventListener('click', function () { sortTable(table, column, header); });
      header.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortTable(table, column, header); }
      });
    });
  });

  // Opening an anchor opens the evidence it points to, and any collapsed section around it.
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') node.open = true;
    }
    var own = target.querySelector('details');
    if (own) own.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();

  function setAll(open) {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = open; });
  }
  Array.prototype.forEach.call(document.querySelectorAll('button[data-expand]'), function (button) {
    button.addEventListener('click', function () { setAll(button.getAttribute('data-expand') === 'all'); });
  });

  // A printed report shows all its evidence; the screen goes back to how the reader left it.
  var openBeforePrint = [];
  window.addEventListener('beforeprint', function () {
    openBeforePrint = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return d.open; });
    setAll(true);
  });
  window.addEventListener('afterprint', function () {
    setAll(false);
    openBeforePrint.forEach(function (d) { d.open = true; });
  });

  document.documentElement.setAttribute('data-report-ready', 'true');
})();
)JS";

}  // namespace linchpin::report
