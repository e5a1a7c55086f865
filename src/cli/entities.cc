#include "cli/entities.h"

#include "resolve/linking/entity_map.h"
#include "resolve/linking/resolution_store.h"
#include "store/case_store.h"

namespace linchpin::cli {
namespace {

// The stored resolution when `mode` asks for one ("resolved", or "auto" and one is stored);
// nullopt when the caller should fall back.
Result<std::optional<resolve::Resolution>> StoredResolution(std::string_view mode, const std::string& case_path,
                                                            const CaseData& c) {
  if (mode != "resolved" && mode != "auto") return std::optional<resolve::Resolution>();
  LP_ASSIGN_OR_RETURN(auto store, CaseStore::Open(case_path, CaseStore::Mode::kReadOnly));
  auto resolution = resolve::LoadResolution(*store, c);
  if (resolution.ok()) return std::optional<resolve::Resolution>(std::move(resolution).value());
  if (mode == "resolved" || resolution.status().code() != Status::Code::kNotFound) return resolution.status();
  return std::optional<resolve::Resolution>();
}

}  // namespace

Result<graph::EntityMap> ResolvedOr(std::string_view mode, const std::string& case_path,
                                    const CaseData& c,
                                    const std::function<graph::EntityMap()>& fallback) {
  LP_ASSIGN_OR_RETURN(auto resolution, StoredResolution(mode, case_path, c));
  return resolution ? resolve::ToEntityMap(c, *resolution) : fallback();
}

Result<AttributionInputs> AttributionEntities(const std::string& case_path, const CaseData& c,
                                              const std::string& mode) {
  if (mode != "auto" && mode != "resolved" && mode != "owner") {
    return Status::InvalidArgument("--entities must be auto, resolved or owner, not '" + mode + "'");
  }
  LP_ASSIGN_OR_RETURN(auto resolution, StoredResolution(mode, case_path, c));
  AttributionInputs in;
  if (!resolution) {
    in.entities = attribute::EntitiesForAttribution(c);
    return in;
  }
  in.entities = resolve::ToEntityMap(c, *resolution);
  // A resolution does not link on a display name alone, so the subjects' name rule runs over it
  // too (EntitiesForAttribution applies it to the owner map).
  attribute::LinkSubjectAccountsByName(c, in.entities);
  for (const resolve::Takeover& t : resolution->takeovers) {
    in.takeovers.push_back({c.accounts[t.account].id, t.time, t.confidence});
  }
  return in;
}

}  // namespace linchpin::cli
