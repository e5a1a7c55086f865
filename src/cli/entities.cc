#include "cli/entities.h"

#include "attribute/attribute.h"
#include "resolve/linking/entity_map.h"
#include "resolve/linking/resolution_store.h"
#include "store/case_store.h"

namespace linchpin::cli {

Result<graph::EntityMap> ResolvedOr(std::string_view mode, const std::string& case_path,
                                    const CaseData& c,
                                    const std::function<graph::EntityMap()>& fallback) {
  if (mode != "resolved" && mode != "auto") return fallback();
  LP_ASSIGN_OR_RETURN(auto store, CaseStore::Open(case_path, CaseStore::Mode::kReadOnly));
  auto resolution = resolve::LoadResolution(*store, c);
  if (resolution.ok()) return resolve::ToEntityMap(c, *resolution);
  if (mode == "resolved" || resolution.status().code() != Status::Code::kNotFound) return resolution.status();
  return fallback();
}

Result<graph::EntityMap> AttributionEntities(const std::string& case_path, const CaseData& c,
                                             const std::string& mode) {
  if (mode != "auto" && mode != "resolved" && mode != "owner") {
    return Status::InvalidArgument("--entities must be auto, resolved or owner, not '" + mode + "'");
  }
  LP_ASSIGN_OR_RETURN(graph::EntityMap m,
                      ResolvedOr(mode, case_path, c, [&c] { return attribute::EntitiesForAttribution(c); }));
  // A resolution does not link on a display name alone, so the subjects' name rule runs over it
  // too (the owner fallback already applied it; a second pass moves nothing).
  attribute::LinkSubjectAccountsByName(c, m);
  return m;
}

}  // namespace linchpin::cli
