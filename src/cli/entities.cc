#include "cli/entities.h"

#include "attribute/attribute.h"
#include "resolve/linking/entity_map.h"
#include "resolve/linking/resolution_store.h"
#include "store/case_store.h"

namespace linchpin::cli {

Result<graph::EntityMap> StoredResolution(const std::string& case_path, const CaseData& c) {
  LP_ASSIGN_OR_RETURN(auto store, CaseStore::Open(case_path, CaseStore::Mode::kReadOnly));
  LP_ASSIGN_OR_RETURN(auto resolution, resolve::LoadResolution(*store, c));
  return resolve::ToEntityMap(c, resolution);
}

Result<graph::EntityMap> AttributionEntities(const std::string& case_path, const CaseData& c,
                                             const std::string& mode) {
  if (mode != "auto" && mode != "resolved" && mode != "owner") {
    return Status::InvalidArgument("--entities must be auto, resolved or owner, not '" + mode + "'");
  }
  if (mode != "owner") {
    auto resolved = StoredResolution(case_path, c);
    if (resolved.ok() || mode == "resolved" || resolved.status().code() != Status::Code::kNotFound) {
      return resolved;
    }
  }
  return attribute::EntitiesForAttribution(c);
}

}  // namespace linchpin::cli
