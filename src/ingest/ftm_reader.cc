// FollowTheMoney entity reader; see ftm_reader.h for what is checked and what is ignored.
//
// nlohmann reports a syntax error by throwing; the one catch below turns it into a kBadRow, so
// no exception leaves this file.
#include "ingest/ftm_reader.h"

#include <nlohmann/json.hpp>

namespace linchpin {
namespace {

// ordered_json keeps properties in the order written, which FtmEntity promises.
using Json = nlohmann::ordered_json;

// A non-empty string member `key` of `object`, or an error message.
std::string RequiredString(const Json& object, const char* key, std::string& out) {
  auto found = object.find(key);
  if (found == object.end()) return std::string("missing \"") + key + "\"";
  if (!found->is_string()) {
    return std::string("\"") + key + "\" must be a string (found " + found->type_name() + ")";
  }
  out = found->get<std::string>();
  if (out.empty()) return std::string("\"") + key + "\" is empty";
  return {};
}

std::string AddValue(const std::string& property, const Json& value, size_t index,
                     FtmEntity& entity) {
  if (!value.is_string()) {
    return "property '" + property + "': value " + std::to_string(index + 1) +
           " must be a string (found " + value.type_name() + ")";
  }
  entity.properties.emplace_back(property, value.get<std::string>());
  return {};
}

// Flattens "properties" into entity.properties; returns an error message or "".
std::string AddProperties(const Json& properties, FtmEntity& entity) {
  if (!properties.is_object()) {
    return std::string("\"properties\" must be an object (found ") + properties.type_name() + ")";
  }
  for (const auto& [property, values] : properties.items()) {
    if (values.is_string()) {
      if (auto problem = AddValue(property, values, 0, entity); !problem.empty()) return problem;
      continue;
    }
    if (!values.is_array()) {
      return "property '" + property + "' must be an array of strings (found " +
             values.type_name() + ")";
    }
    for (size_t i = 0; i < values.size(); ++i) {
      if (auto problem = AddValue(property, values[i], i, entity); !problem.empty()) return problem;
    }
  }
  return {};
}

// Fills `entity` from one line; returns an error message, or "" when the entity is well formed.
std::string ParseEntity(std::string_view text, FtmEntity& entity) {
  Json document;
  try {
    document = Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {  // parse_error, or out_of_range for a huge number
    return JsonErrorMessage(e.what());
  }
  if (!document.is_object()) {
    return std::string("line is not a JSON object (found ") + document.type_name() + ")";
  }
  if (auto problem = RequiredString(document, "id", entity.id); !problem.empty()) return problem;
  if (auto problem = RequiredString(document, "schema", entity.schema); !problem.empty()) {
    return problem;
  }
  auto properties = document.find("properties");
  if (properties == document.end()) return {};
  return AddProperties(*properties, entity);
}

}  // namespace

std::vector<std::string_view> FtmEntity::Values(std::string_view property) const {
  std::vector<std::string_view> values;
  for (const auto& [name, value] : properties) {
    if (name == property) values.emplace_back(value);
  }
  return values;
}

FtmReader::FtmReader(std::unique_ptr<ByteSource> bytes, ReaderLimits limits, size_t read_bytes)
    : lines_(std::move(bytes), limits.max_record_bytes, read_bytes) {}

Result<std::unique_ptr<FtmReader>> FtmReader::Open(std::unique_ptr<ByteSource> bytes,
                                                   ReaderLimits limits, size_t read_bytes) {
  return std::make_unique<FtmReader>(std::move(bytes), limits, read_bytes);
}

Result<ReadOutcome> FtmReader::Next(FtmEntity& entity, RowError& error) {
  LineReader::Line line;
  LP_ASSIGN_OR_RETURN(ReadOutcome outcome, NextRecordLine(lines_, line, error));
  if (outcome != ReadOutcome::kRow) return outcome;
  entity.id.clear();
  entity.schema.clear();
  entity.properties.clear();
  if (std::string problem = ParseEntity(line.text, entity); !problem.empty()) {
    error = RowError{line.number, 0, std::move(problem), line.text};
    return ReadOutcome::kBadRow;
  }
  entity.line = line.number;
  entity.raw = line.text;
  return ReadOutcome::kRow;
}

}  // namespace linchpin
