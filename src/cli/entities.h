// Which entities a command's analysis runs over. `linchpin resolve` stores a resolution in the
// case; attribution and network analytics use it when it is there (the issue's "later analyses
// use them"), and fall back to the case files' owners otherwise, so that one resolve run changes
// every later figure the same way.
#pragma once

#include <string>

#include "common/status.h"
#include "graph/temporal_graph.h"
#include "model/case.h"

namespace linchpin::cli {

// The stored resolution as an entity map; NotFound when the case holds none.
Result<graph::EntityMap> StoredResolution(const std::string& case_path, const CaseData& c);

// attribute/evaluate --entities: `resolved` (must exist), `owner` (owners and their phones,
// attribute::EntitiesForAttribution) or `auto` (resolved when stored, else owner).
Result<graph::EntityMap> AttributionEntities(const std::string& case_path, const CaseData& c,
                                             const std::string& mode);

}  // namespace linchpin::cli
