#include "ingest/row_binding.h"

#include <algorithm>
#include <cstdio>

#include "common/strings.h"
#include "ingest/ingest.h"

namespace linchpin {

namespace {

std::string Listing(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s.empty() ? "(none)" : s;
}

}  // namespace

const std::vector<FieldSpec>& FieldsOf(RecordKind kind) {
  using F = Field;
  static const std::vector<FieldSpec> kPlatforms = {{F::kPlatform, "platform", true},
                                                    {F::kPlatformClass, "class", true}};
  static const std::vector<FieldSpec> kPersons = {
      {F::kPersonId, "person_id", true}, {F::kName, "name", false},
      {F::kAliases, "aliases", false},   {F::kBorn, "born", false},
      {F::kNationality, "nationality", false}, {F::kLanguages, "languages", false},
      {F::kStatus, "status", false},     {F::kStatusTime, "status_time", false}};
  static const std::vector<FieldSpec> kAccounts = {
      {F::kAccountId, "account_id", true}, {F::kPlatform, "platform", false},
      {F::kHandle, "handle", false},       {F::kDisplayName, "display_name", false},
      {F::kPhone, "phone", false},         {F::kEmail, "email", false},
      {F::kOwner, "owner", false},         {F::kCreated, "created", false},
      {F::kClosed, "closed", false},       {F::kClosedReason, "closed_reason", false}};
  static const std::vector<FieldSpec> kEvents = {
      {F::kTime, "time", true},        {F::kPlatform, "platform", false},
      {F::kKind, "kind", true},        {F::kSource, "source", true},
      {F::kTarget, "target", false},   {F::kDuration, "duration_s", false},
      {F::kSize, "size_bytes", false}, {F::kContentHash, "content_hash", false}};
  static const std::vector<FieldSpec> kIncidents = {
      {F::kIncidentId, "incident_id", true}, {F::kTime, "time", false},
      {F::kKind, "kind", false},             {F::kPlace, "place", false},
      {F::kCountry, "country", false},       {F::kPerpetrators, "perpetrators", false}};
  static const std::vector<FieldSpec> kRelations = {
      {F::kSource, "source", true}, {F::kTarget, "target", true}, {F::kKind, "kind", false},
      {F::kSince, "since", false},  {F::kUntil, "until", false},  {F::kEvidence, "evidence", false}};
  static const std::vector<FieldSpec> kNone;
  switch (kind) {
    case RecordKind::kPlatforms: return kPlatforms;
    case RecordKind::kPersons: return kPersons;
    case RecordKind::kAccounts: return kAccounts;
    case RecordKind::kEvents: return kEvents;
    case RecordKind::kIncidents: return kIncidents;
    case RecordKind::kRelations: return kRelations;
    case RecordKind::kFtm: return kNone;
  }
  return kNone;
}

Result<RowBinding> RowBinding::Resolve(RecordKind kind, const std::vector<std::string>& columns,
                                       const std::vector<std::pair<std::string, std::string>>& map,
                                       const std::vector<Field>& defaulted) {
  RowBinding b;
  b.columns_ = columns;
  const auto& fields = FieldsOf(kind);
  for (const auto& [canonical, column] : map) {
    const bool known = std::any_of(fields.begin(), fields.end(),
                                   [&](const FieldSpec& f) { return EqualsIgnoreCase(f.name, canonical); });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& f : fields) names.emplace_back(f.name);
      return Status::InvalidArgument("--map " + canonical + "=" + column + ": '" + canonical +
                                     "' is not a column of " + std::string(ToString(kind)) +
                                     " (its columns: " + Listing(names) + ")");
    }
  }
  std::vector<bool> claimed(columns.size(), false);
  for (const auto& f : fields) {
    std::string wanted(f.name);
    bool mapped = false;
    for (const auto& [canonical, column] : map) {
      if (EqualsIgnoreCase(canonical, f.name)) {
        wanted = column;
        mapped = true;
      }
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      if (!claimed[i] && EqualsIgnoreCase(columns[i], wanted)) {
        b.index_[static_cast<size_t>(f.field)] = static_cast<int>(i);
        claimed[i] = true;
        break;
      }
    }
    const bool has_default = std::find(defaulted.begin(), defaulted.end(), f.field) != defaulted.end();
    if (b.index_[static_cast<size_t>(f.field)] < 0 && ((f.required && !has_default) || mapped)) {
      // JSON Lines headers grow as keys appear, but a required key must be on the first line.
      return Status::ParseError("missing column '" + wanted + "'" +
                                (mapped ? " (from --map " + std::string(f.name) + "=" + wanted + ")" : "") +
                                " required for " + std::string(ToString(kind)) +
                                "; the header has: " + Listing(columns));
    }
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (claimed[i] || columns[i].empty()) continue;
    std::string key;
    AppendJsonEscaped(key, columns[i]);
    b.extra_.emplace_back(i, std::move(key));
  }
  return b;
}

std::string RowBinding::ExtraColumnsJson(const Row& row) const {
  std::string out;
  for (const auto& [i, key] : extra_) {
    if (i >= row.fields.size() || row.fields[i].empty()) continue;
    if (!row.present.empty() && !row.present[i]) continue;
    out += out.empty() ? "{\"" : ",\"";
    out += key;
    out += "\":\"";
    AppendJsonEscaped(out, row.fields[i]);
    out += '"';
  }
  if (!out.empty()) out += '}';
  return out;
}

void AppendJsonEscaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
}

}  // namespace linchpin
