#include "ingest/ftm_ingest.h"

#include <unordered_map>

#include "common/strings.h"
#include "ingest/ftm_reader.h"
#include "ingest/phone.h"
#include "ingest/rejects.h"

namespace linchpin {

namespace {

// FtM dates may be partial ("2016", "2016-07"); they mean the start of that period.
std::optional<TimeMs> FtmTime(std::string_view v) {
  if (v.empty()) return kNoTime;
  std::string s(v);
  if (s.size() == 4) s += "-01-01";
  else if (s.size() == 7) s += "-01";
  return ParseTime(s);
}

std::string_view First(const FtmEntity& e, std::string_view prop) {
  auto v = e.Values(prop);
  return v.empty() ? std::string_view() : v.front();
}

// What the first pass learns: phone entities' numbers and accounts' platforms.
struct FtmIndex {
  std::unordered_map<std::string, std::string> phone_number;   // Phone id -> E.164
  std::unordered_map<std::string, std::string> account_service; // UserAccount id -> platform
};

class FtmConverter {
 public:
  FtmConverter(CaseWriter& w, const IngestOptions& opt, const PhoneNormalizer& phones,
               const FtmIndex& index)
      : w_(w), opt_(opt), phones_(phones), index_(index) {}

  // False with `err` set for a malformed entity; true when written or deliberately ignored.
  Result<bool> Convert(const FtmEntity& e, RowError& err, bool& ignored) {
    e_ = &e;
    err_ = &err;
    ignored = false;
    const std::string& s = e.schema;
    if (s == "Person") return PersonEntity();
    if (s == "UserAccount") return AccountEntity();
    if (s == "Phone") return PhoneEntity();
    if (s == "Call") return CallEntity();
    if (s == "Message") return MessageEntity();
    if (s == "Event") return EventEntity();
    if (s == "Associate" || s == "Family") return RelationEntity();
    ignored = true;
    return true;
  }

 private:
  bool Fail(std::string message) {
    err_->line = e_->line;
    err_->column = 0;
    err_->message = e_->schema + " " + e_->id + ": " + std::move(message);
    return false;
  }
  bool Time(std::string_view prop, TimeMs& out) {
    const std::string_view v = First(*e_, prop);
    auto t = FtmTime(v);
    if (!t) return Fail("property '" + std::string(prop) + "': expected a date, got '" + std::string(v) + "'");
    out = *t;
    return true;
  }
  Provenance Prov() const { return {w_.source_id(), static_cast<uint32_t>(e_->line)}; }
  uint32_t Line() const { return static_cast<uint32_t>(e_->line); }

  Result<bool> PersonEntity() {
    Person p;
    p.id = e_->id;
    auto names = e_->Values("name");
    if (!names.empty()) p.name = names.front();
    for (size_t i = 1; i < names.size(); ++i) p.aliases.emplace_back(names[i]);
    for (auto prop : {"alias", "weakAlias", "previousName"}) {
      for (auto v : e_->Values(prop)) p.aliases.emplace_back(v);
    }
    p.born = First(*e_, "birthDate");
    p.nationality = First(*e_, "nationality");
    if (p.nationality.empty()) p.nationality = First(*e_, "citizenship");
    if (!First(*e_, "deathDate").empty()) {
      p.status = "dead";
      if (!Time("deathDate", p.status_time)) return false;
    }
    p.provenance = Prov();
    LP_RETURN_IF_ERROR(w_.PutPerson(p));
    return true;
  }

  Result<bool> AccountEntity() {
    Account a;
    a.id = e_->id;
    a.platform = AsciiLower(First(*e_, "service"));
    a.handle = First(*e_, "username");
    a.display_name = First(*e_, "name");
    a.email = AsciiLower(First(*e_, "email"));
    a.owner = First(*e_, "owner");
    const std::string_view number = First(*e_, "number");
    if (!number.empty()) {
      auto e164 = phones_.ToE164(number);
      if (!e164) return Fail("property 'number': '" + std::string(number) + "' is not a phone number libphonenumber accepts");
      a.phone = *e164;
    }
    a.provenance = Prov();
    if (!a.platform.empty()) LP_RETURN_IF_ERROR(w_.Platform(a.platform).status());
    LP_RETURN_IF_ERROR(w_.PutAccount(a));
    return true;
  }

  Result<bool> PhoneEntity() {
    auto it = index_.phone_number.find(e_->id);
    if (it == index_.phone_number.end()) {
      return Fail("property 'number': missing, or not a phone number libphonenumber accepts");
    }
    LP_RETURN_IF_ERROR(w_.Endpoint(it->second, EndpointKind::kPhone, Line()).status());
    return true;
  }

  // An FtM party: a Phone id (its number), an account id, or a raw number property.
  Result<EndpointId> Party(std::string_view id, std::string_view number) {
    if (!id.empty()) {
      if (auto it = index_.phone_number.find(std::string(id)); it != index_.phone_number.end()) {
        return w_.Endpoint(it->second, EndpointKind::kPhone, Line());
      }
      auto known = w_.FindEndpoint(id);
      if (known) return known->id;
    }
    if (!number.empty()) {
      if (auto e164 = phones_.ToE164(number)) return w_.Endpoint(*e164, EndpointKind::kPhone, Line());
      return w_.Endpoint(number, EndpointKind::kOpaque, Line());
    }
    if (!id.empty()) return w_.Endpoint(id, EndpointKind::kOpaque, Line());
    return kNoEndpoint;
  }

  Result<bool> CallEntity() {
    TimeMs t = kNoTime;
    if (!Time("startDate", t)) return false;
    if (t == kNoTime && !Time("date", t)) return false;
    if (t == kNoTime) return Fail("has no date or startDate");
    LP_ASSIGN_OR_RETURN(EndpointId from, Party(First(*e_, "caller"), First(*e_, "callerNumber")));
    LP_ASSIGN_OR_RETURN(EndpointId to, Party(First(*e_, "receiver"), First(*e_, "receiverNumber")));
    if (from == kNoEndpoint || to == kNoEndpoint) return Fail("needs a caller and a receiver");
    int32_t duration = -1;
    if (auto d = First(*e_, "duration"); !d.empty()) {
      try {
        duration = static_cast<int32_t>(std::stod(std::string(d)));
      } catch (...) {
        return Fail("property 'duration': expected seconds, got '" + std::string(d) + "'");
      }
    }
    LP_ASSIGN_OR_RETURN(uint16_t platform, w_.Platform("phone"));
    LP_RETURN_IF_ERROR(w_.AddEvent(t, from, to, platform, EventKind::kCall, duration, -1, Line(), "", ""));
    return true;
  }

  Result<bool> MessageEntity() {
    TimeMs t = kNoTime;
    if (!Time("date", t)) return false;
    if (t == kNoTime && !Time("startDate", t)) return false;
    if (t == kNoTime) return Fail("has no date");
    std::string_view sender_account = First(*e_, "senderAccount");
    LP_ASSIGN_OR_RETURN(EndpointId from, Party(sender_account.empty() ? First(*e_, "sender") : sender_account, ""));
    if (from == kNoEndpoint) return Fail("needs a sender or senderAccount");
    std::string platform_name = opt_.default_platform;
    if (auto it = index_.account_service.find(std::string(sender_account));
        it != index_.account_service.end() && !it->second.empty()) {
      platform_name = it->second;
    }
    LP_ASSIGN_OR_RETURN(uint16_t platform, w_.Platform(platform_name));
    auto recipients = e_->Values("recipientAccount");
    if (recipients.empty()) recipients = e_->Values("recipients");
    if (recipients.empty()) return Fail("needs recipients or recipientAccount");
    for (auto r : recipients) {
      LP_ASSIGN_OR_RETURN(EndpointId to, Party(r, ""));
      LP_RETURN_IF_ERROR(w_.AddEvent(t, from, to, platform, EventKind::kMessage, -1, -1, Line(), "", ""));
    }
    return true;
  }

  Result<bool> EventEntity() {
    Incident i;
    i.id = e_->id;
    if (!Time("date", i.time)) return false;
    if (i.time == kNoTime && !Time("startDate", i.time)) return false;
    i.kind = AsciiLower(First(*e_, "keywords"));
    if (i.kind.empty()) i.kind = "event";
    i.place = First(*e_, "location");
    if (i.place.empty()) i.place = First(*e_, "name");
    i.country = First(*e_, "country");
    for (auto v : e_->Values("involved")) i.perpetrators.emplace_back(v);
    i.provenance = Prov();
    LP_RETURN_IF_ERROR(w_.PutIncident(i));
    return true;
  }

  Result<bool> RelationEntity() {
    const bool family = e_->schema == "Family";
    Relation r;
    r.source = First(*e_, "person");
    r.target = First(*e_, family ? "relative" : "associate");
    if (r.source.empty() || r.target.empty()) {
      return Fail(std::string("needs 'person' and '") + (family ? "relative" : "associate") + "'");
    }
    const std::string relationship = AsciiLower(First(*e_, "relationship"));
    r.kind = family ? "family" : (relationship.empty() ? "associate" : relationship);
    r.evidence = family ? relationship : std::string(First(*e_, "summary"));
    if (!Time("startDate", r.since) || !Time("endDate", r.until)) return false;
    r.provenance = Prov();
    LP_RETURN_IF_ERROR(w_.PutRelation(r));
    return true;
  }

  CaseWriter& w_;
  const IngestOptions& opt_;
  const PhoneNormalizer& phones_;
  const FtmIndex& index_;
  const FtmEntity* e_ = nullptr;
  RowError* err_ = nullptr;
};

// `hasher`, when given, hashes the bytes as they are read.
Result<std::unique_ptr<FtmReader>> OpenFtm(const std::string& path, const IngestOptions& opt,
                                           ContentHasher* hasher = nullptr) {
  LP_ASSIGN_OR_RETURN(auto bytes, OpenFileBytes(path));
  if (hasher) bytes = HashWhileReading(std::move(bytes), *hasher);
  ReaderLimits limits;
  limits.max_record_bytes = opt.max_record_bytes;
  return FtmReader::Open(std::move(bytes), limits);
}

}  // namespace

Status IngestFtm(CaseWriter& writer, const std::string& path, const IngestOptions& opt,
                 ContentHasher& hasher, FileReport& report) {
  PhoneNormalizer phones(opt.region);
  FtmIndex index;
  {  // Pass 1: bad entities are reported in pass 2, so this pass only learns.
    LP_ASSIGN_OR_RETURN(auto reader, OpenFtm(path, opt, &hasher));  // reads to the end
    FtmEntity e;
    RowError err;
    while (true) {
      LP_ASSIGN_OR_RETURN(ReadOutcome o, reader->Next(e, err));
      if (o == ReadOutcome::kEnd) break;
      if (o != ReadOutcome::kRow) continue;
      if (e.schema == "Phone") {
        if (auto e164 = phones.ToE164(First(e, "number"))) index.phone_number[e.id] = *e164;
      } else if (e.schema == "UserAccount") {
        index.account_service[e.id] = AsciiLower(First(e, "service"));
      }
    }
  }
  // Pass 2. A message naming an account that appears later in the file gets an opaque
  // endpoint first, which the account's own line then upgrades (CaseWriter::Endpoint).
  LP_ASSIGN_OR_RETURN(auto reader, OpenFtm(path, opt));
  FtmConverter converter(writer, opt, phones, index);
  RejectsFile rejects(RejectsPathFor(path, opt));
  FtmEntity e;
  RowError err;
  int64_t ignored_count = 0;
  while (true) {
    LP_ASSIGN_OR_RETURN(ReadOutcome o, reader->Next(e, err));
    if (o == ReadOutcome::kEnd) break;
    bool good = o == ReadOutcome::kRow;
    bool ignored = false;
    if (good) {
      LP_ASSIGN_OR_RETURN(good, converter.Convert(e, err, ignored));
    }
    if (good) {
      ignored ? ++ignored_count : ++report.rows_accepted;
      continue;
    }
    if (opt.on_error == OnError::kFail) {
      return Status::ParseError(DescribeRowError(path, err, "") +
                                " (nothing of this file was committed; --on-error=skip keeps the good rows)");
    }
    LP_RETURN_IF_ERROR(rejects.Add(path, err, "", o == ReadOutcome::kRow ? e.raw : err.raw));
  }
  report.rows_rejected = rejects.count();
  if (rejects.count() > 0) report.rejects_path = rejects.path();
  report.rows_ignored = ignored_count;
  return Status::Ok();
}

}  // namespace linchpin
