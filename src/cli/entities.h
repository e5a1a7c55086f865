// Which entities a command's analysis runs over. `linchpin resolve` stores a resolution in the
// case; attribution and network analytics use it when it is there (the issue's "later analyses
// use them"), and fall back to the case files' owners otherwise, so that one resolve run changes
// every later figure the same way.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "attribute/attribute.h"
#include "common/status.h"
#include "graph/temporal_graph.h"
#include "model/case.h"

namespace linchpin::cli {

// `mode` "resolved": the stored resolution (NotFound, saying to run `linchpin resolve`, when the
// case holds none); "auto": the stored resolution when there is one, else `fallback()`; any
// other mode: `fallback()`.
Result<graph::EntityMap> ResolvedOr(std::string_view mode, const std::string& case_path,
                                    const CaseData& c,
                                    const std::function<graph::EntityMap()>& fallback);

// What attribution reads from a resolution: its entities and the takeovers it found.
struct AttributionInputs {
  graph::EntityMap entities;
  std::vector<attribute::KnownTakeover> takeovers;  // empty over the owner map
};

// attribute/evaluate/report --entities: `resolved` (must exist), `owner` (owners and their
// phones, attribute::EntitiesForAttribution) or `auto` (resolved when stored, else owner); over a
// resolution, plus attribute::LinkSubjectAccountsByName, and the resolution's takeovers.
Result<AttributionInputs> AttributionEntities(const std::string& case_path, const CaseData& c,
                                              const std::string& mode);

}  // namespace linchpin::cli
