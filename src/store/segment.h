// Event segments: the on-disk form of events. A segment holds up to kSegmentEvents events of one
// ingested file, sorted by time, each column compressed on its own with zstd:
//   time      int64 deltas from the previous event (small numbers, compress well)
//   source    uint32 endpoint ids          target   uint32 (kNoEndpoint for none)
//   platform  uint16                       kind     uint8
//   duration  int32 (-1 none)              size     int64 (-1 none)
//   line      uint32 source-file line numbers as deltas from the previous event's, behind a
//             one-byte tag 'd' (provenance; the file is the segment's source). Cases written
//             before the tag hold the numbers themselves, and still load.
//   content   a segment-local dictionary of content hashes + a uint32 index per event
// Columns are separate blobs so a load can skip what an analysis does not need (provenance,
// content) and decompress the rest straight into its final arrays.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "model/case.h"

namespace linchpin {

inline constexpr size_t kSegmentEvents = 1 << 16;

// Events of one segment, before encoding (row-building side of ingest).
struct SegmentBuilder {
  EventTable events;                       // provenance and content columns used
  std::vector<std::string> content_dict;   // segment-local content hash dictionary
  std::unordered_map<std::string, uint32_t> content_index;  // hash -> dictionary id
  // Extra columns of each row as a JSON object ("" for none); empty when no row had any.
  std::vector<std::string> attributes;

  size_t size() const { return events.size(); }
  // Adds one event; `content_hash` may be empty.
  void Add(TimeMs time, EndpointId source, EndpointId target, uint16_t platform, EventKind kind,
           int32_t duration_s, int64_t size_bytes, uint32_t line, std::string_view content_hash,
           std::string_view attributes_json = {});
  void Clear();
};

struct EncodedSegment {
  int64_t count = 0;
  TimeMs t_min = 0, t_max = 0;
  std::string time, source, target, platform, kind, duration, size, line, content;
  std::string attributes;  // zstd JSON Lines, one line per event; "" when no event had any
};

// Encodes segments, keeping its compression context and scratch columns from one segment to
// the next: allocating them per segment (a few MiB) cost page faults and zeroing on every one.
// One segment at a time; not thread-safe.
class SegmentEncoder {
 public:
  explicit SegmentEncoder(int zstd_level);
  ~SegmentEncoder();
  SegmentEncoder(const SegmentEncoder&) = delete;
  SegmentEncoder& operator=(const SegmentEncoder&) = delete;

  // Sorts the builder's events by time (stable, so equal times keep file order) and encodes them.
  EncodedSegment Encode(SegmentBuilder& builder);

 private:
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
};

// Decodes the analysis columns of a segment into `out` at rows [offset, offset + count).
// `out` must already be sized. The content column, when asked for, is mapped into the global
// dictionary by the caller (see DecodeContent).
Status DecodeSegmentColumns(const EncodedSegment& seg, EventTable& out, size_t offset,
                            bool provenance, uint32_t source_index);
// Decodes the content column: the segment's dictionary and one index per event into it.
Status DecodeContent(std::string_view blob, int64_t count, std::vector<std::string>& dict,
                     std::vector<uint32_t>& index);

}  // namespace linchpin
