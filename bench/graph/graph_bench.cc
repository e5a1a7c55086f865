// graph_bench — times Linchpin's graph kernels on one edge list, for bench/graph_vs_peers.sh.
//
//   graph_bench generate rmat|case EDGES SEED OUT   write distinct directed pairs "u v", one a line
//   graph_bench run FILE SOURCES_FILE [THREADS]     load the file as a case and time each kernel
//   graph_bench load FILE [THREADS]                 the load alone (for profiling it)
//   graph_bench pagerank FILE REPS [THREADS]        the load, then PageRank REPS times
//                                                   (GRAPH_BENCH_PR_SEEDS=K: personalised, K seeds)
//   graph_bench kcore FILE REPS [THREADS]           the load, then k-core REPS times
//
// `rmat` is a power-law R-MAT graph (Chakrabarti et al. 2004; a=0.57, b=c=0.19), `case` a
// simulated case: cells of 5-40 people talking mostly among themselves, most replies returned,
// and a heavy-tailed set of hubs (brokers, public accounts) everyone reaches. `run` prints one
// JSON object per line: {"tool","kernel","seconds",...}. Load = parse + TemporalGraph::Build +
// the views the kernels use; each kernel's time excludes load. The same SOURCES_FILE (vertex ids)
// feeds the sampled betweenness and shortest paths of every tool.
#include <algorithm>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include "common/huge_pages.h"
#include "graph/analytics.h"
#include "graph/temporal_graph.h"

namespace {

using linchpin::EndpointId;
using linchpin::graph::VertexId;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// User + system time of the whole process (all threads): robust to other jobs on the machine.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Wall and CPU time of one phase; Stop() freezes them, so checks after the kernel are not timed.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = CpuSeconds();
  double stopped_wall = -1, stopped_cpu = -1;
  double WallSeconds() const { return stopped_wall >= 0 ? stopped_wall : Seconds(wall); }
  double CpuUsed() const { return stopped_cpu >= 0 ? stopped_cpu : CpuSeconds() - cpu; }
  void Stop() {
    stopped_wall = WallSeconds();
    stopped_cpu = CpuUsed();
  }
};

long RssBytes() {
  std::ifstream f("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  f >> pages_total >> pages_resident;
  return pages_resident * 4096;
}

// ---- Generators -----------------------------------------------------------------------------

std::vector<std::pair<VertexId, VertexId>> Rmat(uint64_t edges, uint64_t seed) {
  int scale = 1;
  while ((uint64_t{1} << scale) * 8 < edges) ++scale;  // average degree about 8
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::unordered_set<uint64_t> seen;
  std::vector<std::pair<VertexId, VertexId>> out;
  while (out.size() < edges) {
    uint64_t src = 0, dst = 0;
    for (int bit = 0; bit < scale; ++bit) {
      const double r = u(rng);
      const int quadrant = r < 0.57 ? 0 : r < 0.76 ? 1 : r < 0.95 ? 2 : 3;
      src = (src << 1) | (quadrant >> 1);
      dst = (dst << 1) | (quadrant & 1);
    }
    if (src == dst || !seen.insert(src << 32 | dst).second) continue;
    out.emplace_back(static_cast<VertexId>(src), static_cast<VertexId>(dst));
  }
  return out;
}

std::vector<std::pair<VertexId, VertexId>> SimulatedCase(uint64_t edges, uint64_t seed) {
  const uint64_t people = edges / 6;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint32_t> cell_size(5, 40);
  std::vector<uint32_t> cell_start;  // cells are consecutive id ranges
  for (uint64_t v = 0; v < people; v += cell_size(rng)) cell_start.push_back(static_cast<uint32_t>(v));
  cell_start.push_back(static_cast<uint32_t>(people));
  std::uniform_real_distribution<double> u(0, 1);
  std::unordered_set<uint64_t> seen;
  std::vector<std::pair<VertexId, VertexId>> out;
  auto add = [&](uint64_t a, uint64_t b) {
    if (a != b && out.size() < edges && seen.insert(a << 32 | b).second) out.emplace_back(a, b);
  };
  std::uniform_int_distribution<size_t> pick_cell(0, cell_start.size() - 2);
  while (out.size() < edges) {
    const size_t c = pick_cell(rng);
    const uint64_t b = cell_start[c], size = cell_start[c + 1] - b;
    const uint64_t a = b + static_cast<uint64_t>(u(rng) * size);
    uint64_t t;
    const double r = u(rng);
    if (r < 0.7) t = b + static_cast<uint64_t>(u(rng) * size);                 // inside the cell
    else if (r < 0.9) t = static_cast<uint64_t>(std::pow(u(rng), 3.0) * people);  // a hub (low ids)
    else t = static_cast<uint64_t>(u(rng) * people);                            // anyone
    add(a, t);
    if (u(rng) < 0.6) add(t, a);  // the reply
  }
  return out;
}

int Generate(const std::string& kind, uint64_t edges, uint64_t seed, const std::string& path) {
  const auto e = kind == "rmat" ? Rmat(edges, seed) : SimulatedCase(edges, seed);
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return 1;
  for (const auto& [u, v] : e) std::fprintf(f, "%u %u\n", u, v);
  return std::fclose(f) == 0 ? 0 : 1;
}

// ---- Run ------------------------------------------------------------------------------------

// The edge list as two columns, ready to move into an EventTable.
struct EdgeColumns {
  std::vector<EndpointId> source, target;
  uint32_t n = 0;     // the largest id + 1
  std::string error;  // "FILE:LINE: what" when the file could not be read
};

// The newlines in [p, e), 16 bytes a step where SSE2 is there (std::count went a byte at a time:
// a sixth of the parse).
size_t CountNewlines(const char* p, const char* e) {
  size_t n = 0;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  while (e - p >= 16 * 255) {
    // Up to 255 steps of per-byte counts (each compare gives -1 for a match), then a fold.
    __m128i acc = _mm_setzero_si128();
    for (int i = 0; i < 255; ++i, p += 16) {
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    n += static_cast<size_t>(_mm_cvtsi128_si64(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  return n + static_cast<size_t>(std::count(p, e, '\n'));
}

// The number written by the `len` (1-8) digits at p; the bytes after them, up to p + 8, are
// read and ignored. SWAR: the digits are shifted to the top of the word (little-endian: the
// first digit lowest), then three multiplies fold digit pairs, quads and octets, most
// significant digit first.
inline uint32_t DigitsValue(const char* p, uint32_t len) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  uint64_t d = (w - 0x3030303030303030ull) << (8 * (8 - len));
  d = ((d & 0x0F0F0F0F0F0F0F0Full) * 2561) >> 8;
  d = ((d & 0x00FF00FF00FF00FFull) * 6553601) >> 16;
  return static_cast<uint32_t>(((d & 0x0000FFFF0000FFFFull) * 42949672960001ull) >> 32);
}

// Where a chunk stopped on a malformed line: its number (1-based) and what was wrong.
struct ParseError {
  size_t line = 0;
  const char* what = nullptr;
};

// Parses the lines of [p, e) into source/target from `at`; returns how many edges it wrote. A
// line is two vertex ids (decimal, below 2^32 - 1) separated by spaces or tabs, with optional
// spaces or tabs around them (and a '\r' before the newline); blank lines and lines starting
// with '#' are skipped; anything else stops the chunk with `err` set. `line` is the number of
// the chunk's first line less one. Bytes up to `limit` (the end of the file) may be read ahead.
//
// The common line, "u v\n" with ids of up to 8 digits, is read in one step: one 16-byte load
// gives the digit positions, and each id is folded from its digits with three multiplies.
size_t ParseChunk(const char* p, const char* e, const char* limit, EdgeColumns& out, size_t at, uint32_t& n,
                  size_t line, ParseError& err) {
  auto digit = [](char c) { return static_cast<unsigned>(c - '0') < 10; };
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  const size_t start = at;
  VertexId top = 0;
  auto fail = [&](const char* what) {
    err = {line + 1, what};
    n = at > start ? top + 1 : 0;
    return at - start;
  };
  // An id at q: its value, q moved past it; false when there is no digit or it is too large.
  auto id = [&](const char*& q, VertexId& x) {
    if (q == e || !digit(*q)) return false;
    uint64_t v = 0;
    for (; q < e && digit(*q); ++q) {
      v = v * 10 + static_cast<uint64_t>(*q - '0');
      if (v >= linchpin::kNoEndpoint) return false;
    }
    x = static_cast<VertexId>(v);
    return true;
  };
#if defined(__SSE2__)
  const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
#endif
  while (p < e) {
#if defined(__SSE2__)
    if (e - p >= 16 && limit - p >= 17) {
      const __m128i d = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), zero);
      const uint32_t digits = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)));
      const uint32_t len1 = static_cast<uint32_t>(__builtin_ctz(~digits));
      if (len1 - 1 < 8 && p[len1] == ' ') {
        const uint32_t len2 = static_cast<uint32_t>(__builtin_ctz(~(digits >> (len1 + 1))));
        const uint32_t end2 = len1 + 1 + len2;
        if (len2 - 1 < 8 && end2 < 16 && p[end2] == '\n') {
          const VertexId u = DigitsValue(p, len1), v = DigitsValue(p + len1 + 1, len2);
          out.source[at] = u;
          out.target[at] = v;
          ++at;
          top = std::max(top, std::max(u, v));
          p += end2 + 1;
          ++line;
          continue;
        }
      }
    }
#endif
    // Any other line, byte by byte.
    const char* q = p;
    while (q < e && blank(*q)) ++q;
    if (q < e && *q == '\r') ++q;
    if (q == e || *q == '\n' || *q == '#') {  // blank, or a comment
      const void* nl = std::memchr(q, '\n', static_cast<size_t>(e - q));
      p = nl ? static_cast<const char*>(nl) + 1 : e;
      ++line;
      continue;
    }
    VertexId u, v;
    if (!id(q, u)) return fail(digit(*q) ? "vertex id too large" : "expected a vertex id");
    if (q == e || !blank(*q)) return fail("expected a blank after the first vertex id");
    while (q < e && blank(*q)) ++q;
    if (!id(q, v)) return fail(q < e && digit(*q) ? "vertex id too large" : "expected a second vertex id");
    while (q < e && blank(*q)) ++q;
    if (q < e && *q == '\r') ++q;
    if (q < e && *q != '\n') return fail("expected the end of the line after two vertex ids");
    out.source[at] = u;
    out.target[at] = v;
    ++at;
    top = std::max(top, std::max(u, v));
    p = q < e ? q + 1 : e;
    ++line;
  }
  n = at > start ? top + 1 : 0;
  return at - start;
}

// Reads "u v" lines; the vertex count is the largest id + 1. The file is mapped, cut into one
// chunk per thread at line ends, and each chunk is parsed into its place (a newline count gives
// each chunk its first line), so the columns are filled once with no copy of the text. A
// malformed line fails the read with its line number.
EdgeColumns ReadEdges(const std::string& path) {
  EdgeColumns out;
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    out.error = path + ": cannot open";
    return out;
  }
  struct stat st{};
  ::fstat(fd, &st);
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) { ::close(fd); return out; }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) {
    out.error = path + ": cannot map";
    return out;
  }
  ::madvise(map, size, MADV_SEQUENTIAL);
  const char* data = static_cast<const char*>(map);
  const char* end = data + size;
  const size_t chunks = std::max<size_t>(1, std::min<size_t>(tbb::this_task_arena::max_concurrency() * 4, size >> 20));
  std::vector<const char*> cut(chunks + 1, end);
  cut[0] = data;
  for (size_t i = 1; i < chunks; ++i) {
    const char* c = std::max(cut[i - 1], data + size / chunks * i);
    const void* nl = std::memchr(c, '\n', end - c);
    cut[i] = nl ? static_cast<const char*>(nl) + 1 : end;
  }
  // Chunk i starts at line first[i] + 1 and writes its edges from first[i]: one edge at most per
  // line, and every chunk but the last ends with a newline.
  std::vector<size_t> first(chunks + 1, 0), wrote(chunks, 0);
  std::vector<uint32_t> top(chunks, 0);
  std::vector<ParseError> errors(chunks);
  tbb::parallel_for(size_t{0}, chunks, [&](size_t i) {
    first[i + 1] = CountNewlines(cut[i], cut[i + 1]) + (i + 1 == chunks && end[-1] != '\n');
  });
  std::partial_sum(first.begin(), first.end(), first.begin());
  linchpin::ResizeHuge(out.source, first[chunks]);
  linchpin::ResizeHuge(out.target, first[chunks]);
  tbb::parallel_for(size_t{0}, chunks, [&](size_t i) {
    wrote[i] = ParseChunk(cut[i], cut[i + 1], end, out, first[i], top[i], first[i], errors[i]);
  });
  ::munmap(map, size);
  for (const ParseError& e : errors) {
    if (e.what != nullptr) {
      out.error = path + ":" + std::to_string(e.line) + ": " + e.what;
      return out;
    }
  }
  // Close the gaps blank and comment lines left (none in a plain edge list).
  size_t m = 0;
  for (size_t i = 0; i < chunks; ++i) {
    if (m != first[i]) {
      std::copy_n(out.source.begin() + first[i], wrote[i], out.source.begin() + m);
      std::copy_n(out.target.begin() + first[i], wrote[i], out.target.begin() + m);
    }
    m += wrote[i];
    out.n = std::max(out.n, top[i]);
  }
  out.source.resize(m);
  out.target.resize(m);
  return out;
}

// The edge list as a case: one phone per vertex (named by its id) and one call per edge, at
// time = line number. Columns are moved in, and the endpoint names written in parallel.
linchpin::CaseData CaseOf(EdgeColumns edges) {
  linchpin::CaseData c;
  c.platforms.push_back({"phone", linchpin::PlatformClass::kPhone});
  linchpin::ResizeHuge(c.endpoints, edges.n);  // pages mapped in with one call, not faulted
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, edges.n, 1 << 14), [&](const auto& r) {
    char buf[16];
    for (uint32_t v = r.begin(); v != r.end(); ++v) {
      const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
      c.endpoints[v].key.assign(buf, end);
    }
  });
  auto& ev = c.events;
  const size_t m = edges.source.size();
  linchpin::ResizeHuge(ev.time, m);
  std::iota(ev.time.begin(), ev.time.end(), linchpin::TimeMs{0});
  ev.source = std::move(edges.source);
  ev.target = std::move(edges.target);
  linchpin::AssignHuge(ev.platform, m, uint16_t{0});
  linchpin::AssignHuge(ev.kind, m, linchpin::EventKind::kCall);
  return c;
}

void Report(const char* kernel, const Timer& t, const std::string& extra = "") {
  std::printf("{\"tool\": \"linchpin\", \"kernel\": \"%s\", \"seconds\": %.6f, \"cpu_seconds\": %.6f%s}\n", kernel,
              t.WallSeconds(), t.CpuUsed(), extra.c_str());
  std::fflush(stdout);
}

int Run(const std::string& path, const std::string& sources_path, int threads, int pagerank_reps = 0,
        int kcore_reps = 0) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const long rss_before = RssBytes();
  Timer load;
  Timer phase;
  EdgeColumns edges = ReadEdges(path);
  if (!edges.error.empty()) {
    std::fprintf(stderr, "graph_bench: %s\n", edges.error.c_str());
    return 1;
  }
  const uint32_t n = edges.n;
  const double m = static_cast<double>(edges.source.size());
  const linchpin::CaseData c = CaseOf(std::move(edges));
  const double parse_s = phase.CpuUsed();
  phase = Timer();
  auto built = linchpin::graph::TemporalGraph::Build(c, linchpin::graph::EntitiesByAccount(c));
  if (!built.ok()) return 1;
  const auto& tg = **built;
  const double build_s = phase.CpuUsed();
  phase = Timer();
  linchpin::graph::ViewSpec directed_spec, undirected_spec;
  undirected_spec.directed = false;
  undirected_spec.weighted = false;
  const auto directed = tg.View(directed_spec).value();
  const auto undirected = tg.View(undirected_spec).value();
  const double views_s = phase.CpuUsed();
  const long rss_after = RssBytes();
  char extra[512];
  std::snprintf(extra, sizeof extra,
                ", \"vertices\": %u, \"edges\": %.0f, \"parse_cpu_seconds\": %.6f, \"build_cpu_seconds\": %.6f, "
                "\"views_cpu_seconds\": %.6f, \"rss_bytes_per_edge\": %.1f, \"graph_bytes_per_edge\": %.1f, \"threads\": %d",
                n, m, parse_s, build_s, views_s, (rss_after - rss_before) / m,
                (tg.MemoryBytes() + undirected.MemoryBytes()) / m, threads);
  Report("load", load, extra);
  linchpin::graph::PageRankOptions pr_options;
  pr_options.tolerance = 1e-9;
  // GRAPH_BENCH_PR_SEEDS=K: personalised PageRank, teleporting to K vertices spread over the ids.
  if (const char* k = std::getenv("GRAPH_BENCH_PR_SEEDS")) {
    const uint32_t seeds = static_cast<uint32_t>(std::strtoul(k, nullptr, 10)),
                   vertices = directed.num_vertices();
    for (uint32_t i = 0; i < seeds && seeds <= vertices; ++i) {
      pr_options.seeds.push_back(static_cast<VertexId>(uint64_t{i} * vertices / seeds));
    }
  }
  auto pagerank = [&] {
    Timer pr_t;
    const auto pr = linchpin::graph::PageRank(directed, pr_options);
    const double pr_s = pr_t.WallSeconds();
    std::snprintf(extra, sizeof extra, ", \"iterations\": %d, \"residual\": %.3g, \"arcs_per_second_per_core\": %.0f",
                  pr.iterations, pr.residual, static_cast<double>(directed.num_arcs()) * pr.iterations / pr_s / threads);
    Report("pagerank", pr_t, extra);
    // GRAPH_BENCH_SCORES=FILE writes the scores, one a line by vertex id, to compare with a peer's.
    if (const char* out = std::getenv("GRAPH_BENCH_SCORES")) {
      if (FILE* f = std::fopen(out, "w")) {
        for (double x : pr.score) std::fprintf(f, "%.17g\n", x);
        std::fclose(f);
      }
    }
  };
  for (int i = 0; i < pagerank_reps; ++i) pagerank();
  auto kcore = [&] {
    Timer core_t;
    const auto core = linchpin::graph::CoreNumbers(undirected);
    Report("kcore", core_t, ", \"max_core\": " + std::to_string(*std::max_element(core.begin(), core.end())));
  };
  for (int i = 0; i < kcore_reps; ++i) kcore();
  if (sources_path.empty()) return 0;  // `load`, `pagerank` or `kcore`: for profiling them

  std::vector<VertexId> sources;
  {
    std::ifstream f(sources_path);
    for (VertexId s; f >> s;) if (s < n) sources.push_back(s);
  }
  // GRAPH_BENCH_KERNELS=pagerank,community (say) runs only those, for re-measuring one row.
  const char* only = std::getenv("GRAPH_BENCH_KERNELS");
  auto want = [&](const char* kernel) { return only == nullptr || std::strstr(only, kernel) != nullptr; };
  if (want("pagerank")) pagerank();
  // GRAPH_BENCH_SEED=S seeds Louvain and Leiden (default 1), to check quality over several seeds.
  linchpin::graph::CommunityOptions community_options;
  if (const char* seed = std::getenv("GRAPH_BENCH_SEED")) community_options.seed = std::strtoull(seed, nullptr, 10);

  if (want("components")) {
    Timer cc_t;
    const auto wcc = linchpin::graph::WeakComponents(directed);
    Report("components", cc_t, ", \"count\": " + std::to_string(wcc.count()));
  }
  if (want("kcore")) kcore();
  if (want("community")) {
    Timer comm_t;
    const auto comm = linchpin::graph::Louvain(undirected, community_options);
    std::snprintf(extra, sizeof extra, ", \"communities\": %u, \"modularity\": %.4f, \"levels\": %d, \"split_levels\": %d",
                  comm.count, comm.modularity, comm.levels, comm.split_levels);
    Report("community", comm_t, extra);
  }
  if (want("leiden")) {  // analyze's default: Louvain's moves plus the refinement
    Timer leiden_t;
    const auto comm = linchpin::graph::Leiden(undirected, community_options);
    leiden_t.Stop();
    std::snprintf(extra, sizeof extra,
                  ", \"communities\": %u, \"modularity\": %.4f, \"levels\": %d, \"split_levels\": %d, \"disconnected\": %u",
                  comm.count, comm.modularity, comm.levels, comm.split_levels,
                  linchpin::graph::DisconnectedCommunities(undirected, comm.label));
    Report("leiden", leiden_t, extra);
  }
  if (want("betweenness")) {
    Timer bc_t;
    const auto bc = linchpin::graph::BetweennessFromSources(undirected, sources);
    Report("betweenness_sampled", bc_t, ", \"sources\": " + std::to_string(sources.size()) +
                                            ", \"sum\": " + std::to_string(std::accumulate(bc.begin(), bc.end(), 0.0)));
  }
  if (want("shortest_paths")) {
    // Distances from the sources, consumed as (source, vertex, hops): how many each reaches and
    // the sum of the hops. Multi-source BFS, 64 sources a batch; GRAPH_BENCH_SP_PER_SOURCE=1 runs
    // one direction-optimising BFS per source instead (what the peers do), to compare the two.
    Timer sp_t;
    uint64_t reached = 0, hop_sum = 0;
    if (std::getenv("GRAPH_BENCH_SP_PER_SOURCE") != nullptr) {
      for (VertexId s : sources) {
        for (uint32_t d : linchpin::graph::BfsDistances(directed, s)) {
          if (d != linchpin::graph::kNoHops) ++reached, hop_sum += d;
        }
      }
    } else {
      linchpin::graph::MultiSourceBfs bfs(directed, /*reverse=*/false, /*parallel=*/true);
      const std::span<const VertexId> all(sources);
      for (size_t first = 0; first < all.size(); first += linchpin::graph::kBfsBatch) {
        bfs.Run(all.subspan(first, std::min(linchpin::graph::kBfsBatch, all.size() - first)),
                [&](const linchpin::graph::BfsLevel& level) {
                  const uint64_t count = tbb::parallel_reduce(
                      tbb::blocked_range<size_t>(0, level.vertices.size(), 4096), uint64_t{0},
                      [&](const auto& r, uint64_t c) {
                        for (size_t j = r.begin(); j != r.end(); ++j) c += std::popcount(level.reached_by[level.vertices[j]]);
                        return c;
                      },
                      std::plus<>());
                  reached += count;
                  hop_sum += count * level.hops;
                });
      }
    }
    Report("shortest_paths", sp_t, ", \"sources\": " + std::to_string(sources.size()) + ", \"reached\": " +
                                       std::to_string(reached) + ", \"hop_sum\": " + std::to_string(hop_sum));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 5 && a[0] == "generate") return Generate(a[1], std::stoull(a[2]), std::stoull(a[3]), a[4]);
  if ((a.size() == 3 || a.size() == 4) && a[0] == "run") {
    return Run(a[1], a[2], a.size() == 4 ? std::stoi(a[3]) : tbb::info::default_concurrency());
  }
  if ((a.size() == 2 || a.size() == 3) && a[0] == "load") {
    return Run(a[1], "", a.size() == 3 ? std::stoi(a[2]) : tbb::info::default_concurrency());
  }
  if ((a.size() == 3 || a.size() == 4) && a[0] == "pagerank") {
    return Run(a[1], "", a.size() == 4 ? std::stoi(a[3]) : tbb::info::default_concurrency(), std::stoi(a[2]));
  }
  if ((a.size() == 3 || a.size() == 4) && a[0] == "kcore") {
    return Run(a[1], "", a.size() == 4 ? std::stoi(a[3]) : tbb::info::default_concurrency(), 0, std::stoi(a[2]));
  }
  std::fprintf(stderr, "usage: graph_bench generate rmat|case EDGES SEED OUT | run FILE SOURCES_FILE [THREADS] | load FILE [THREADS] | pagerank FILE REPS [THREADS] | kcore FILE REPS [THREADS]\n");
  return 2;
}
