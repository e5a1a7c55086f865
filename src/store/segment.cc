#include "store/segment.h"

#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>

namespace linchpin {

// The first byte of a line column stored as deltas. A zstd frame (the absolute form that cases
// written before it hold) starts with its magic number's low byte, 0x28.
constexpr char kLineDeltas = 'd';

void SegmentBuilder::Add(TimeMs time, EndpointId source, EndpointId target, uint16_t platform,
                         EventKind kind, int32_t duration_s, int64_t size_bytes, uint32_t line,
                         std::string_view content_hash, std::string_view attributes_json) {
  if (!attributes_json.empty() || !attributes.empty()) {
    attributes.resize(events.size());  // backfill the earlier rows, which had none
    attributes.emplace_back(attributes_json);
  }
  events.time.push_back(time);
  events.source.push_back(source);
  events.target.push_back(target);
  events.platform.push_back(platform);
  events.kind.push_back(kind);
  events.duration_s.push_back(duration_s);
  events.size_bytes.push_back(size_bytes);
  events.provenance.push_back({0, line});
  if (content_hash.empty()) {
    events.content.push_back(kNoIndex);
    return;
  }
  const auto [it, inserted] = content_index.try_emplace(std::string(content_hash),
                                                       static_cast<uint32_t>(content_dict.size()));
  if (inserted) content_dict.emplace_back(content_hash);
  events.content.push_back(it->second);
}

void SegmentBuilder::Clear() {
  events.Clear();
  content_dict.clear();
  content_index.clear();
  attributes.clear();
}

namespace {

// One compression context and one output buffer serve every column of every segment:
// creating a context per call initialised its tables ten times per segment, and a fresh
// bound-sized string per column was zero-filled only to be overwritten.
struct CompressContext {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx{ZSTD_createCCtx(), &ZSTD_freeCCtx};
  int level;
  std::string scratch;
};

std::string Compress(CompressContext& z, const void* data, size_t bytes) {
  const size_t bound = ZSTD_compressBound(bytes);
  if (z.scratch.size() < bound) z.scratch.resize(bound);
  const size_t n = ZSTD_compressCCtx(z.cctx.get(), z.scratch.data(), bound, data, bytes, z.level);
  assert(!ZSTD_isError(n) && "zstd cannot fail with a bound-sized buffer");
  return z.scratch.substr(0, n);
}

template <typename T>
std::string CompressColumn(CompressContext& z, const std::vector<T>& v) {
  return Compress(z, v.data(), v.size() * sizeof(T));
}

Status Decompress(std::string_view blob, void* dest, size_t bytes, const char* column) {
  const size_t n = ZSTD_decompress(dest, bytes, blob.data(), blob.size());
  if (ZSTD_isError(n) || n != bytes) {
    return Status::Corruption(std::string("event segment column '") + column +
                              "' does not decode to its recorded size");
  }
  return Status::Ok();
}

template <typename T>
Status DecompressColumn(std::string_view blob, std::vector<T>& out, size_t offset, size_t count,
                        const char* column) {
  return Decompress(blob, out.data() + offset, count * sizeof(T), column);
}

}  // namespace

// The encoder's reusable state: the zstd context and the columns built in time order.
struct SegmentEncoder::Scratch {
  CompressContext z;
  std::vector<uint32_t> order;
  std::vector<int64_t> deltas, wide;  // time deltas; a permuted 8-byte column
  std::vector<uint32_t> narrow;       // a permuted 4-byte column, then the line numbers
  std::vector<uint16_t> platform;
  std::vector<EventKind> kind;
  std::vector<int32_t> duration;
  std::string content, attributes;
};

SegmentEncoder::SegmentEncoder(int zstd_level) : scratch_(std::make_unique<Scratch>()) {
  scratch_->z.level = zstd_level;
}
SegmentEncoder::~SegmentEncoder() = default;

namespace {

// `v` in time order: itself when `order` is empty (most files are written in time order, and
// then no column is copied), else permuted into `out`.
template <typename T>
const std::vector<T>& InOrder(const std::vector<T>& v, const std::vector<uint32_t>& order, std::vector<T>& out) {
  if (order.empty()) return v;
  out.resize(order.size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
  return out;
}

}  // namespace

EncodedSegment SegmentEncoder::Encode(SegmentBuilder& b) {
  Scratch& x = *scratch_;
  const EventTable& e = b.events;
  const size_t n = e.size();
  x.order.clear();
  if (!std::is_sorted(e.time.begin(), e.time.end())) {
    x.order.resize(n);
    std::iota(x.order.begin(), x.order.end(), 0u);
    std::stable_sort(x.order.begin(), x.order.end(),
                     [&](uint32_t p, uint32_t q) { return e.time[p] < e.time[q]; });
  }
  const std::vector<uint32_t>& order = x.order;
  const auto row = [&order](size_t i) { return order.empty() ? i : size_t{order[i]}; };

  EncodedSegment s;
  s.count = static_cast<int64_t>(n);
  x.deltas.resize(n);
  TimeMs prev = 0;
  for (size_t i = 0; i < n; ++i) {
    x.deltas[i] = e.time[row(i)] - prev;
    prev = e.time[row(i)];
  }
  s.t_min = n ? e.time[row(0)] : 0;
  s.t_max = n ? e.time[row(n - 1)] : 0;
  CompressContext& z = x.z;
  s.time = CompressColumn(z, x.deltas);
  s.source = CompressColumn(z, InOrder(e.source, order, x.narrow));
  s.target = CompressColumn(z, InOrder(e.target, order, x.narrow));
  s.platform = CompressColumn(z, InOrder(e.platform, order, x.platform));
  s.kind = CompressColumn(z, InOrder(e.kind, order, x.kind));
  s.duration = CompressColumn(z, InOrder(e.duration_s, order, x.duration));
  s.size = CompressColumn(z, InOrder(e.size_bytes, order, x.wide));
  // Lines as differences from the previous event's (wrapping): a file in time order gives a
  // run of 1s that zstd stores in a few bytes, where the numbers themselves were over a quarter
  // of a case file. kLineDeltas ahead of the frame tells it from the absolute form of older cases.
  x.narrow.resize(n);
  uint32_t previous_line = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t line = e.provenance[row(i)].line;
    x.narrow[i] = line - previous_line;
    previous_line = line;
  }
  const std::string frame = CompressColumn(z, x.narrow);
  s.line.reserve(1 + frame.size());
  s.line += kLineDeltas;
  s.line += frame;

  // Content: [u32 dict size][u32 len, bytes]... [u32 index per event].
  std::string& content = x.content;
  content.clear();
  auto put32 = [&content](uint32_t v) { content.append(reinterpret_cast<const char*>(&v), 4); };
  put32(static_cast<uint32_t>(b.content_dict.size()));
  for (const auto& h : b.content_dict) {
    put32(static_cast<uint32_t>(h.size()));
    content += h;
  }
  for (size_t i = 0; i < n; ++i) put32(e.content[row(i)]);
  s.content = Compress(z, content.data(), content.size());

  if (!b.attributes.empty()) {
    b.attributes.resize(n);
    std::string& lines = x.attributes;
    lines.clear();
    for (size_t i = 0; i < n; ++i) {
      const std::string& a = b.attributes[row(i)];
      lines += a.empty() ? "{}" : a;
      lines += '\n';
    }
    s.attributes = Compress(z, lines.data(), lines.size());
  }
  return s;
}

Status DecodeSegmentColumns(const EncodedSegment& seg, EventTable& out, size_t offset,
                            bool provenance, uint32_t source_index) {
  const auto n = static_cast<size_t>(seg.count);
  if (offset + n > out.time.size()) return Status::Corruption("event segment overflows its table");
  LP_RETURN_IF_ERROR(DecompressColumn(seg.time, out.time, offset, n, "time"));
  TimeMs t = 0;  // undo the delta encoding in place
  for (size_t i = offset; i < offset + n; ++i) {
    t += out.time[i];
    out.time[i] = t;
  }
  LP_RETURN_IF_ERROR(DecompressColumn(seg.source, out.source, offset, n, "source"));
  LP_RETURN_IF_ERROR(DecompressColumn(seg.target, out.target, offset, n, "target"));
  LP_RETURN_IF_ERROR(DecompressColumn(seg.platform, out.platform, offset, n, "platform"));
  LP_RETURN_IF_ERROR(DecompressColumn(seg.kind, out.kind, offset, n, "kind"));
  LP_RETURN_IF_ERROR(DecompressColumn(seg.duration, out.duration_s, offset, n, "duration"));
  LP_RETURN_IF_ERROR(DecompressColumn(seg.size, out.size_bytes, offset, n, "size"));
  for (size_t i = offset; i < offset + n; ++i) {
    if (static_cast<uint8_t>(out.kind[i]) >= kEventKindCount) {
      return Status::Corruption("event segment holds an unknown event kind");
    }
  }
  if (provenance) {
    std::vector<uint32_t> lines(n);
    const bool deltas = !seg.line.empty() && seg.line[0] == kLineDeltas;
    const std::string_view frame = std::string_view(seg.line).substr(deltas ? 1 : 0);
    LP_RETURN_IF_ERROR(DecompressColumn(frame, lines, 0, n, "line"));
    uint32_t line = 0;
    for (size_t i = 0; i < n; ++i) {
      line = deltas ? line + lines[i] : lines[i];
      out.provenance[offset + i] = {source_index, line};
    }
  }
  return Status::Ok();
}

Status DecodeContent(std::string_view blob, int64_t count, std::vector<std::string>& dict,
                     std::vector<uint32_t>& index) {
  const unsigned long long size = ZSTD_getFrameContentSize(blob.data(), blob.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 32)) {
    return Status::Corruption("event segment content column is not a zstd frame");
  }
  std::string raw(size, '\0');
  LP_RETURN_IF_ERROR(Decompress(blob, raw.data(), raw.size(), "content"));
  size_t p = 0;
  auto get32 = [&](uint32_t& v) {
    if (p + 4 > raw.size()) return false;
    std::memcpy(&v, raw.data() + p, 4);
    p += 4;
    return true;
  };
  uint32_t entries = 0;
  if (!get32(entries)) return Status::Corruption("event segment content column is truncated");
  dict.clear();
  for (uint32_t i = 0; i < entries; ++i) {
    uint32_t len = 0;
    if (!get32(len) || p + len > raw.size()) {
      return Status::Corruption("event segment content dictionary is truncated");
    }
    dict.emplace_back(raw.data() + p, len);
    p += len;
  }
  index.resize(static_cast<size_t>(count));
  for (auto& v : index) {
    if (!get32(v) || (v != kNoIndex && v >= entries)) {
      return Status::Corruption("event segment content index is out of range");
    }
  }
  return Status::Ok();
}

}  // namespace linchpin
