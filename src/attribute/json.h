// The `linchpin attribute --json` and `linchpin evaluate --json` documents. The attribute
// document follows the contract of attribution.h field for field, with extra fields
// (time, perpetrators, verdict_reason, log_lr, candidates, notes, campaigns, labels) beside them.
#pragma once

#include <nlohmann/json.hpp>

#include "attribute/attribution.h"
#include "attribute/evaluate.h"

namespace linchpin::attribute {

nlohmann::ordered_json ToJson(const AttributionReport& report);
nlohmann::ordered_json ToJson(const Evaluation& evaluation);

}  // namespace linchpin::attribute
