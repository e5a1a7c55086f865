#include "ingest/ingest.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unordered_map>

#include "common/progress.h"
#include "common/string_map.h"
#include "common/strings.h"
#include "ingest/content_hash.h"
#include "ingest/ftm_ingest.h"
#include "ingest/phone.h"
#include "ingest/prefetch_source.h"
#include "ingest/record_source.h"
#include "ingest/rejects.h"
#include "ingest/row_binding.h"
#include "store/case_writer.h"

namespace linchpin {

namespace {

constexpr std::array<std::string_view, 7> kKindNames = {
    "platforms", "persons", "accounts", "incidents", "relations", "events", "ftm"};

// A count field (seconds, bytes): empty -> `none`; "12" or "12.0" -> 12; negative or junk ->
// nullopt, and so is one too large for Int. One rule for the converter and the reader-thread
// preparer.
template <typename Int>
std::optional<Int> ParseCount(std::string_view v, Int none) {
  if (v.empty()) return none;
  double d = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  // max + 1.0 is a power of two, exact in a double; max itself is not for int64 (it rounds up
  // to 2^63), and casting 2^63 to int64 is undefined.
  if (ec != std::errc() || end != v.data() + v.size() || d < 0 ||
      d + 0.5 >= static_cast<double>(std::numeric_limits<Int>::max()) + 1.0) {
    return std::nullopt;
  }
  return static_cast<Int>(d + 0.5);
}

// The stateless part of an events row (time, kind, duration, size, and the hashes of its two
// endpoints), computed on the reader thread (Prefetch's preparer) so the ingest thread is left
// with probing its endpoint caches and writing. Only the happy path: a row it cannot read comes
// back not ok, and the converter's own checks then name the field and the problem.
class EventPreparer {
 public:
  enum Value { kTime, kKind, kDuration, kSize, kSourceHash, kTargetHash };
  EventPreparer(const RowBinding& binding, const IngestOptions& opt)
      : binding_(binding), unit_(opt.time_unit), default_kind_(opt.default_event_kind) {}

  RowScalars operator()(const Row& row) const {
    RowScalars out;
    const auto time = ParseTime(Get(row, Field::kTime), unit_);
    std::string_view kind_text = Get(row, Field::kKind);
    if (kind_text.empty()) kind_text = default_kind_;
    const auto kind = ParseEventKind(kind_text);
    const auto duration = ParseCount(Get(row, Field::kDuration), int32_t{-1});
    const auto size = ParseCount(Get(row, Field::kSize), int64_t{-1});
    if (!time || !kind || !duration || !size) return out;
    out.ok = true;
    out.values = {*time, static_cast<int64_t>(*kind), *duration, *size,
                  static_cast<int64_t>(HashString(Get(row, Field::kSource))),
                  static_cast<int64_t>(HashString(Get(row, Field::kTarget)))};
    return out;
  }

 private:
  std::string_view Get(const Row& row, Field f) const { return TrimSpace(binding_.Get(row, f)); }

  RowBinding binding_;  // a copy: the preparer outlives nothing of the converter's
  TimeUnit unit_;
  std::string default_kind_;
};

// Converts rows of one canonical kind and writes them. One instance per file.
class RowConverter {
 public:
  RowConverter(RecordKind kind, CaseWriter& writer, const IngestOptions& opt,
               const PhoneNormalizer& phones)
      : kind_(kind), w_(writer), opt_(opt), phones_(phones) {}

  Status Bind(const std::vector<std::string>& columns) {
    std::vector<Field> defaulted;
    if (!opt_.default_event_kind.empty()) defaulted.push_back(Field::kKind);
    LP_ASSIGN_OR_RETURN(binding_, RowBinding::Resolve(kind_, columns, opt_.column_map, defaulted));
    return Status::Ok();
  }
  const RowBinding& binding() const { return binding_; }
  // The source whose rows are converted, for looking a few rows ahead (PrefetchEndpoints).
  void LookAheadIn(const RecordSource* source) { source_ = source; }

  // False (with `err` set) when the row is malformed; a Status only for store failures.
  Result<bool> Convert(const Row& row, RowError& err) {
    row_ = &row;
    err_ = &err;
    switch (kind_) {
      case RecordKind::kPlatforms: return ConvertPlatform();
      case RecordKind::kPersons: return ConvertPerson();
      case RecordKind::kAccounts: return ConvertAccount();
      case RecordKind::kIncidents: return ConvertIncident();
      case RecordKind::kRelations: return ConvertRelation();
      case RecordKind::kEvents: return ConvertEvent();
      case RecordKind::kFtm: break;
    }
    return Status::InvalidArgument("FollowTheMoney files are not row files");
  }

 private:
  std::string_view Get(Field f) const { return TrimSpace(binding_.Get(*row_, f)); }

  bool Fail(Field f, std::string message) {
    err_->line = row_->line;
    err_->column = binding_.ColumnNumber(f);
    err_->message = std::move(message);
    return false;
  }

  // An optional time field: empty -> kNoTime; malformed -> row error.
  bool Time(Field f, TimeMs& out) {
    const std::string_view v = Get(f);
    if (v.empty()) {
      out = kNoTime;
      return true;
    }
    auto t = ParseTime(v, opt_.time_unit);
    if (!t) {
      return Fail(f, "expected an ISO 8601 time (2026-03-01T14:05:09Z) or epoch " +
                         std::string(opt_.time_unit == TimeUnit::kSeconds ? "seconds" : "milliseconds") +
                         ", got '" + std::string(v) + "'");
    }
    out = *t;
    return true;
  }

  template <typename Int>
  bool Integer(Field f, Int& out, Int none) {
    const std::string_view v = Get(f);
    const std::optional<Int> n = ParseCount(v, none);
    if (!n) {
      return Fail(f, "expected a non-negative number up to " + std::to_string(std::numeric_limits<Int>::max()) +
                         ", got '" + std::string(v) + "'");
    }
    out = *n;
    return true;
  }

  bool Required(Field f, std::string_view& out) {
    out = Get(f);
    if (out.empty()) return Fail(f, "is required and empty");
    return true;
  }

  // A phone field of accounts.csv: empty, or something libphonenumber accepts.
  bool Phone(Field f, std::string& out) {
    const std::string_view v = Get(f);
    out.clear();
    if (v.empty()) return true;
    auto e164 = phones_.ToE164(v);
    if (!e164) {
      return Fail(f, "'" + std::string(v) + "' is not a phone number libphonenumber accepts" +
                         (opt_.region.empty() ? " (give --region for national numbers)"
                                              : " (region " + opt_.region + ")"));
    }
    out = std::move(*e164);
    return true;
  }

  // A person, account or incident is one row of its file. A second row with its id would be
  // merged over the first field by field (the upsert that lets a later file correct a record),
  // silently losing what the first row said, while the report counted both rows. A later file
  // naming the id still corrects it.
  bool FirstInFile(Field f, std::string_view id) {
    const auto [it, fresh] = first_line_of_id_.try_emplace(std::string(id), row_->line);
    if (fresh) return true;
    return Fail(f, "'" + std::string(id) + "' is already on line " + std::to_string(it->second) +
                       " of this file (one row per id; a later file may correct it)");
  }

  Provenance Prov() const { return {w_.source_id(), static_cast<uint32_t>(row_->line)}; }

  Result<bool> ConvertPlatform() {
    std::string_view name, cls;
    if (!Required(Field::kPlatform, name) || !Required(Field::kPlatformClass, cls)) return false;
    auto c = ParsePlatformClass(cls);
    if (!c) return Fail(Field::kPlatformClass, "expected phone, encrypted, public, email or other, got '" + std::string(cls) + "'");
    LP_RETURN_IF_ERROR(w_.Platform(AsciiLower(name), c).status());
    return true;
  }

  Result<bool> ConvertPerson() {
    Person p;
    std::string_view id;
    if (!Required(Field::kPersonId, id) || !Time(Field::kStatusTime, p.status_time)) return false;
    if (!FirstInFile(Field::kPersonId, id)) return false;
    p.id = id;
    p.name = Get(Field::kName);
    p.aliases = SplitList(Get(Field::kAliases));
    p.born = Get(Field::kBorn);
    p.nationality = Get(Field::kNationality);
    p.languages = SplitList(Get(Field::kLanguages));
    p.status = AsciiLower(Get(Field::kStatus));
    p.attributes_json = binding_.ExtraAsJson(*row_);
    p.provenance = Prov();
    LP_RETURN_IF_ERROR(w_.PutPerson(p));
    return true;
  }

  Result<bool> ConvertAccount() {
    Account a;
    std::string_view id;
    if (!Required(Field::kAccountId, id) || !Phone(Field::kPhone, a.phone) ||
        !Time(Field::kCreated, a.created) || !Time(Field::kClosed, a.closed) ||
        !FirstInFile(Field::kAccountId, id)) {
      return false;
    }
    a.id = id;
    a.platform = AsciiLower(Get(Field::kPlatform));
    a.handle = Get(Field::kHandle);
    a.display_name = Get(Field::kDisplayName);
    a.email = AsciiLower(Get(Field::kEmail));
    a.owner = Get(Field::kOwner);
    a.closed_reason = Get(Field::kClosedReason);
    a.attributes_json = binding_.ExtraAsJson(*row_);
    a.provenance = Prov();
    if (!a.platform.empty()) LP_RETURN_IF_ERROR(w_.Platform(a.platform).status());
    LP_RETURN_IF_ERROR(w_.PutAccount(a));
    return true;
  }

  Result<bool> ConvertIncident() {
    Incident i;
    std::string_view id;
    if (!Required(Field::kIncidentId, id) || !Time(Field::kTime, i.time) || !FirstInFile(Field::kIncidentId, id)) {
      return false;
    }
    i.id = id;
    i.kind = AsciiLower(Get(Field::kKind));
    i.place = Get(Field::kPlace);
    i.country = Get(Field::kCountry);
    i.perpetrators = SplitList(Get(Field::kPerpetrators));
    i.attributes_json = binding_.ExtraAsJson(*row_);
    i.provenance = Prov();
    LP_RETURN_IF_ERROR(w_.PutIncident(i));
    return true;
  }

  Result<bool> ConvertRelation() {
    Relation r;
    std::string_view source, target;
    if (!Required(Field::kSource, source) || !Required(Field::kTarget, target) ||
        !Time(Field::kSince, r.since) || !Time(Field::kUntil, r.until)) {
      return false;
    }
    r.source = source;
    r.target = target;
    r.kind = AsciiLower(Get(Field::kKind));
    r.evidence = Get(Field::kEvidence);
    r.attributes_json = binding_.ExtraAsJson(*row_);
    r.provenance = Prov();
    LP_RETURN_IF_ERROR(w_.PutRelation(r));
    return true;
  }

  // The hot path: a 10M-row events.csv goes through here.
  Result<bool> ConvertEvent() {
    TimeMs time = kNoTime;
    std::optional<EventKind> kind;
    int32_t duration = -1;
    int64_t size = -1;
    const RowScalars* ready = row_->scalars && row_->scalars->ok ? row_->scalars : nullptr;
    if (ready) {  // EventPreparer's work
      time = ready->values[EventPreparer::kTime];
      kind = static_cast<EventKind>(ready->values[EventPreparer::kKind]);
      duration = static_cast<int32_t>(ready->values[EventPreparer::kDuration]);
      size = ready->values[EventPreparer::kSize];
    } else if (!EventScalars(time, kind, duration, size)) {
      return false;
    }
    LP_ASSIGN_OR_RETURN(const uint16_t platform, PlatformOf(Get(Field::kPlatform)));
    const bool phone_class = w_.ClassOf(platform) == PlatformClass::kPhone;
    PrefetchEndpoints();

    std::string_view source_text;
    if (!Required(Field::kSource, source_text)) return false;
    const auto key = [ready](std::string_view text, EventPreparer::Value hash) {
      return ready ? HashedKey{text, static_cast<size_t>(ready->values[hash])} : Hashed(text);
    };
    LP_ASSIGN_OR_RETURN(const EndpointId source,
                        Resolve(key(source_text, EventPreparer::kSourceHash), phone_class, EndpointKind::kOpaque));
    const std::string_view target_text = Get(Field::kTarget);
    EndpointId target = kNoEndpoint;
    if (target_text.empty()) {
      if (NeedsTarget(*kind)) return Fail(Field::kTarget, "a " + std::string(ToString(*kind)) + " needs a target");
    } else {
      const EndpointKind fallback = *kind == EventKind::kJoin ? EndpointKind::kChannel : EndpointKind::kOpaque;
      LP_ASSIGN_OR_RETURN(target, Resolve(key(target_text, EventPreparer::kTargetHash), phone_class, fallback));
    }
    LP_RETURN_IF_ERROR(w_.AddEvent(time, source, target, platform, *kind, duration, size,
                                   static_cast<uint32_t>(row_->line), Get(Field::kContentHash),
                                   binding_.ExtraAsJson(*row_)));
    return true;
  }

  // The fields EventPreparer reads, checked here with messages (rows it could not read, and
  // every row when there is no preparer).
  bool EventScalars(TimeMs& time, std::optional<EventKind>& kind, int32_t& duration, int64_t& size) {
    if (!Time(Field::kTime, time)) return false;
    if (time == kNoTime) return Fail(Field::kTime, "is required and empty");
    std::string_view kind_text = Get(Field::kKind);
    if (kind_text.empty()) kind_text = opt_.default_event_kind;
    kind = ParseEventKind(kind_text);
    if (!kind) {
      return Fail(Field::kKind, "expected one of call, sms, message, media, post, repost, reply, "
                                "mention, follow, join, meeting, got '" + std::string(kind_text) + "'");
    }
    return Integer(Field::kDuration, duration, int32_t{-1}) && Integer(Field::kSize, size, int64_t{-1});
  }

  static bool NeedsTarget(EventKind k) {
    return k == EventKind::kCall || k == EventKind::kSms || k == EventKind::kMessage ||
           k == EventKind::kMention || k == EventKind::kFollow || k == EventKind::kJoin;
  }

  // Platform names as written -> id. A file holds a handful of platforms, so a short list
  // scanned in order beats hashing, and the name is lower-cased once per spelling, not per row.
  Result<uint16_t> PlatformOf(std::string_view name) {
    if (name.empty()) name = opt_.default_platform;
    for (const auto& [written, id] : platform_ids_) {
      if (ShortEqual(written, name)) return id;
    }
    LP_ASSIGN_OR_RETURN(const uint16_t id, w_.Platform(AsciiLower(name)));
    platform_ids_.emplace_back(std::string(name), id);
    return id;
  }

  // On a large case the endpoint caches outgrow the L2 cache and most lookups wait on memory;
  // asking for the slots of a row a few rows ahead overlaps that wait with this row's work. The
  // reader thread hashed that row's endpoints already, so this costs no hashing.
  void PrefetchEndpoints() const {
    constexpr size_t kRowsAhead = 4;
    const RowScalars* ahead = source_ ? source_->PeekScalars(kRowsAhead) : nullptr;
    if (!ahead || !ahead->ok) return;
    // Both caches: looking the row's platform up too cost more than the extra prefetch.
    for (const auto value : {EventPreparer::kSourceHash, EventPreparer::kTargetHash}) {
      const auto hash = static_cast<size_t>(ahead->values[value]);
      phone_cache_.Prefetch(hash);
      other_cache_.Prefetch(hash);
    }
  }

  // events.csv's endpoint rule: a known account_id is that account; else, on a phone-class
  // platform, a parseable number is that phone in E.164; else the value as written.
  Result<EndpointId> Resolve(const HashedKey& key, bool phone_class, EndpointKind fallback) {
    auto& cache = phone_class ? phone_cache_ : other_cache_;
    if (const EndpointId* cached = cache.Find(key)) return *cached;
    const std::string_view value = key.text;
    EndpointId id = kNoEndpoint;
    auto known = w_.FindEndpoint(value);
    if (known && known->kind == EndpointKind::kAccount) {
      id = known->id;
    } else if (auto e164 = phone_class ? phones_.ToE164(value) : std::nullopt) {
      LP_ASSIGN_OR_RETURN(id, w_.Endpoint(*e164, EndpointKind::kPhone, static_cast<uint32_t>(row_->line)));
    } else {
      LP_ASSIGN_OR_RETURN(id, w_.Endpoint(value, fallback, static_cast<uint32_t>(row_->line)));
    }
    cache.Insert(key, id);
    return id;
  }

  // StringIdMap: this lookup runs twice per event; a node map cost a third of ingest time, and
  // absl's map (prefetching only its control bytes) still waited on most slots.
  using Cache = StringIdMap;

  RecordKind kind_;
  CaseWriter& w_;
  const IngestOptions& opt_;
  const PhoneNormalizer& phones_;
  RowBinding binding_;
  const Row* row_ = nullptr;
  RowError* err_ = nullptr;
  const RecordSource* source_ = nullptr;
  std::vector<std::pair<std::string, uint16_t>> platform_ids_;
  Cache phone_cache_, other_cache_;
  std::unordered_map<std::string, uint64_t> first_line_of_id_;  // FirstInFile
};

InputFormat FormatOf(const std::string& path, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  const std::string ext = AsciiLower(std::filesystem::path(path).extension().string());
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".json" ? InputFormat::kJsonLines
                                                                : InputFormat::kCsv;
}

// An error binding the columns, named as row errors are (DescribeRowError): "events.csv:1:
// missing column 'kind' ...", the line being the header's (CSV) or the row that showed the keys
// (JSON Lines). An error about the options (--map naming no column) is about no line.
Status BindingError(const std::string& path, uint64_t line, const Status& st) {
  if (st.code() != Status::Code::kParseError || line == 0)
    return Status::ParseError(path + ": " + st.message());
  return Status::ParseError(path + ":" + std::to_string(line) + ": " + st.message());
}

// Streams the rows of a CSV or JSON Lines file through the converter.
Status IngestRows(CaseWriter& writer, const std::string& path, RecordKind kind,
                  const IngestOptions& opt, int64_t file_bytes, ContentHasher& hasher,
                  FileReport& report) {
  LP_ASSIGN_OR_RETURN(auto file, OpenFileBytes(path));
  auto bytes = HashWhileReading(std::move(file), hasher);
  ReaderLimits limits;
  limits.max_record_bytes = opt.max_record_bytes;
  const bool jsonl = FormatOf(path, opt.format) == InputFormat::kJsonLines;
  auto opened = jsonl ? OpenJsonLines(std::move(bytes), limits) : OpenCsv(std::move(bytes), limits);
  if (!opened.ok()) return Status::ParseError(path + ": " + opened.status().message());
  std::unique_ptr<RecordSource> reader = std::move(opened).value();

  PhoneNormalizer phones(opt.region);
  RowConverter converter(kind, writer, opt, phones);
  // CSV knows its columns from the header; JSON Lines learns them from the first object.
  uint64_t bound_version = reader->columns_version();
  if (!reader->columns().empty()) {
    if (Status st = converter.Bind(reader->columns()); !st.ok())
      return BindingError(path, reader->header_line(), st);
  } else {
    bound_version = ~uint64_t{0};
  }
  // A CSV header fixes the columns, so an events file's stateless fields can be read ahead on
  // the reader thread; JSON Lines columns may still grow.
  RowPreparer prepare;
  if (kind == RecordKind::kEvents && !jsonl) prepare = EventPreparer(converter.binding(), opt);
  std::unique_ptr<RecordSource> source = Prefetch(std::move(reader), std::move(prepare));
  converter.LookAheadIn(source.get());
  RejectsFile rejects(RejectsPathFor(path, opt));
  Progress progress("ingest " + std::filesystem::path(path).filename().string(),
                    static_cast<uint64_t>(file_bytes));
  Row row;
  RowError err;
  while (true) {
    LP_ASSIGN_OR_RETURN(const ReadOutcome outcome, source->Next(row, err));
    if (outcome == ReadOutcome::kEnd) break;
    bool good = outcome == ReadOutcome::kRow;
    if (good && source->columns_version() != bound_version) {  // JSON Lines met a new key
      bound_version = source->columns_version();
      if (Status st = converter.Bind(source->columns()); !st.ok())
        return BindingError(path, row.line, st);
    }
    if (good) {
      LP_ASSIGN_OR_RETURN(good, converter.Convert(row, err));
    }
    if (good) {
      ++report.rows_accepted;
    } else {
      const std::string column = converter.binding().ColumnName(err.column);
      if (opt.on_error == OnError::kFail) {
        return Status::ParseError(DescribeRowError(path, err, column) +
                                  " (nothing of this file was committed; --on-error=skip keeps the good rows)");
      }
      LP_RETURN_IF_ERROR(rejects.Add(path, err, column, outcome == ReadOutcome::kRow ? row.raw : err.raw));
    }
    progress.Update(source->bytes_consumed());
  }
  progress.Finish(source->bytes_consumed());
  report.rows_rejected = rejects.count();
  if (rejects.count() > 0) report.rejects_path = rejects.path();
  return Status::Ok();
}

}  // namespace

std::string_view ToString(RecordKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::optional<RecordKind> ParseRecordKind(std::string_view s) {
  const std::string l = AsciiLower(s);
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (l == kKindNames[i]) return static_cast<RecordKind>(i);
  }
  return std::nullopt;
}

std::optional<RecordKind> KindFromFileName(std::string_view path) {
  const std::string name = AsciiLower(std::filesystem::path(path).filename().string());
  if (name.find(".ftm.") != std::string::npos || name.rfind("ftm", 0) == 0) return RecordKind::kFtm;
  for (size_t i = 0; i + 1 < kKindNames.size(); ++i) {
    if (name.rfind(kKindNames[i], 0) == 0) return static_cast<RecordKind>(i);
  }
  return std::nullopt;
}

std::string RejectsPathFor(const std::string& path, const IngestOptions& opt) {
  const std::string name = std::filesystem::path(path).filename().string() + ".rejects.csv";
  return opt.rejects_dir.empty() ? name : (std::filesystem::path(opt.rejects_dir) / name).string();
}

// What can be known of a file before reading it: that it is there, is a file, and says by its
// name (or --kind) what it holds. A folder gets its own message: it is a common slip.
Result<RecordKind> CheckInputFile(const std::string& path, const IngestOptions& opt) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return Status::NotFound("cannot open " + path + ": no such file");
  if (std::filesystem::is_directory(status)) {
    return Status::InvalidArgument("'" + path + "' is a folder; name the files in it (e.g. " +
                                   (std::filesystem::path(path) / "*.csv").string() + ")");
  }
  auto kind = opt.kind ? opt.kind : KindFromFileName(path);
  if (!kind) {
    return Status::InvalidArgument(
        "'" + path + "': cannot tell what it holds from its name; name it persons.csv, "
        "accounts.csv, events.csv, incidents.csv, relations.csv or platforms.csv (or .jsonl), "
        "or give --kind");
  }
  return *kind;
}

Status IngestFile(CaseStore& store, const std::string& path, const IngestOptions& opt,
                  FileReport& report) {
  report = FileReport();
  report.path = path;
  auto kind = CheckInputFile(path, opt);
  if (!kind.ok()) return report.error = kind.status();
  report.kind = *kind;
  // Re-ingest of the same bytes is a no-op, decided by the content hash. Rows are hashed as the
  // reader reads them, so the file is read once; it is hashed up front only when a committed
  // file has the same size (CaseWriter::Begin asks), the one case in which it can be a duplicate.
  SourceFile file{path, std::string(ToString(*kind)), "", 0};
  std::error_code size_error;
  file.bytes = static_cast<int64_t>(std::filesystem::file_size(path, size_error));
  if (size_error) {
    return report.error = Status::IOError("cannot open " + path + ": " + size_error.message());
  }
  auto hash_now = [&]() -> Result<std::string> {
    LP_ASSIGN_OR_RETURN(file.content_hash, HashFile(path));
    return file.content_hash;
  };
  auto writer = CaseWriter::Begin(store, file, hash_now);
  if (!writer.ok()) {
    if (writer.status().code() == Status::Code::kAlreadyExists) {
      report.outcome = FileReport::Outcome::kDuplicate;
      LogIngestAttempt(store, file, "duplicate", 0, 0, writer.status().message());
      return Status::Ok();
    }
    return report.error = writer.status();
  }
  ContentHasher hasher;
  Status st = *kind == RecordKind::kFtm
                  ? IngestFtm(**writer, path, opt, hasher, report)
                  : IngestRows(**writer, path, *kind, opt, file.bytes, hasher, report);
  if (st.ok()) st = (*writer)->Commit(report.rows_accepted, report.rows_rejected, hasher.Digest(), hasher.bytes());
  if (!st.ok()) {
    writer->reset();  // roll back before logging, in a transaction of its own
    LogIngestAttempt(store, file, "failed", report.rows_accepted, report.rows_rejected, st.message());
    report.rows_accepted = 0;
    report.outcome = FileReport::Outcome::kFailed;
    return report.error = st;
  }
  report.outcome = FileReport::Outcome::kCommitted;
  report.unclassed_platforms = (*writer)->unclassed_platforms();
  return Status::Ok();
}

Status IngestFiles(CaseStore& store, const std::vector<std::string>& paths,
                   const IngestOptions& opt, const FileCallback& on_file) {
  // Every path is checked before any file is committed, so a typo in one name does not leave
  // the case holding only the files ordered before it.
  std::vector<std::pair<int, std::string>> ordered;
  for (const auto& p : paths) {
    auto kind = CheckInputFile(p, opt);
    if (!kind.ok()) {
      FileReport report;
      report.path = p;
      report.error = kind.status();
      if (on_file) on_file(report);
      return report.error;
    }
    ordered.emplace_back(static_cast<int>(*kind), p);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [rank, path] : ordered) {
    FileReport report;
    const Status st = IngestFile(store, path, opt, report);
    if (on_file) on_file(report);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace linchpin
