// What `attribute` and `report` both print of an attribution: the incident table, and entities
// shown with what the case calls them (AttributionReport::labels).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "attribute/attribution.h"

namespace linchpin::cli {

// What the case calls an entity; "" when it names none.
std::string Label(const attribute::AttributionReport& r, const std::string& entity);
// "A548588016 (Abu Mohammed)" when the case names the entity, else the id alone.
std::string Named(const attribute::AttributionReport& r, const std::string& entity);
// Named() of each, comma-separated.
std::string JoinNamed(const attribute::AttributionReport& r, const std::vector<std::string>& entities);
// incident, time, verdict, confidence, top handler, name, score, handlers.
void PrintIncidentTable(std::ostream& out, const attribute::AttributionReport& r);

}  // namespace linchpin::cli
