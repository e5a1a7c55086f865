#include "store/case_writer.h"

#include <chrono>

#include "common/strings.h"
#include "common/time.h"

namespace linchpin {

namespace {


std::string_view KindName(EndpointKind k) { return ToString(k); }

EndpointKind KindFromName(std::string_view s) {
  if (s == "account") return EndpointKind::kAccount;
  if (s == "phone") return EndpointKind::kPhone;
  if (s == "channel") return EndpointKind::kChannel;
  return EndpointKind::kOpaque;
}

}  // namespace

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  return FormatTime(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
}

Result<std::unique_ptr<CaseWriter>> CaseWriter::Begin(CaseStore& store, const SourceFile& file,
                                                      const HashNow& hash_now) {
  LP_ASSIGN_OR_RETURN(auto tx, sql::Transaction::Begin(store.db()));
  std::unique_ptr<CaseWriter> w(new CaseWriter(store, std::move(tx)));
  LP_RETURN_IF_ERROR(w->Prepare(file, hash_now));
  return w;
}

Status CaseWriter::CheckDuplicate(const HashNow& hash_now) {
  sqlite3* db = store_.db();
  if (file_.content_hash.empty()) {
    LP_ASSIGN_OR_RETURN(auto same_size, sql::Stmt::Prepare(db, "SELECT 1 FROM sources WHERE bytes=?"));
    same_size.Bind(1, file_.bytes);
    LP_ASSIGN_OR_RETURN(bool maybe_duplicate, same_size.Step());
    if (!maybe_duplicate) return Status::Ok();  // BEGIN IMMEDIATE: nobody commits one meanwhile
    if (!hash_now) return Status::InvalidArgument("a file of this size is committed; its content hash is needed");
    LP_ASSIGN_OR_RETURN(file_.content_hash, hash_now());
  }
  LP_ASSIGN_OR_RETURN(auto dup, sql::Stmt::Prepare(db, "SELECT path FROM sources WHERE content_hash=?"));
  dup.Bind(1, file_.content_hash);
  LP_ASSIGN_OR_RETURN(bool exists, dup.Step());
  if (exists) {
    return Status::AlreadyExists("'" + file_.path + "' has the same content as '" + dup.Text(0) +
                                 "', already ingested");
  }
  return Status::Ok();
}

CaseWriter::~CaseWriter() = default;  // tx_ rolls back if still open

Status CaseWriter::Prepare(const SourceFile& file, const HashNow& hash_now) {
  file_ = file;
  started_ = NowIso();
  sqlite3* db = store_.db();
  LP_RETURN_IF_ERROR(CheckDuplicate(hash_now));
  {
    LP_ASSIGN_OR_RETURN(auto next, sql::Stmt::Prepare(db, "SELECT coalesce(max(id)+1,0) FROM sources"));
    LP_ASSIGN_OR_RETURN(bool row, next.Step());
    source_id_ = row ? static_cast<uint32_t>(next.Int(0)) : 0;
  }
  {
    LP_ASSIGN_OR_RETURN(auto p, sql::Stmt::Prepare(db, "SELECT id, name, class FROM platforms ORDER BY id"));
    while (true) {
      LP_ASSIGN_OR_RETURN(bool row, p.Step());
      if (!row) break;
      platform_ids_.emplace(p.Text(1), static_cast<uint16_t>(p.Int(0)));
      platforms_.push_back({p.Text(1), ParsePlatformClass(p.Text(2)).value_or(PlatformClass::kOther)});
    }
  }
  {
    LP_ASSIGN_OR_RETURN(auto e, sql::Stmt::Prepare(db, "SELECT id, key, kind FROM endpoints ORDER BY id"));
    while (true) {
      LP_ASSIGN_OR_RETURN(bool row, e.Step());
      if (!row) break;
      const auto id = static_cast<EndpointId>(e.Int(0));
      endpoints_.emplace(e.Text(1), EndpointRef{id, KindFromName(e.Text(2))});
      next_endpoint_ = id + 1;
    }
  }
  struct P { sql::Stmt* stmt; const char* sql; };
  const P prepared[] = {
      {&put_endpoint_, "INSERT INTO endpoints(id, key, kind, source_id, line) VALUES(?,?,?,?,?)"},
      {&upgrade_endpoint_, "UPDATE endpoints SET kind=? WHERE id=?"},
      {&put_platform_, "INSERT INTO platforms(id, name, class) VALUES(?,?,?) "
                       "ON CONFLICT(id) DO UPDATE SET class=excluded.class"},
      // Upserts: a later file fills in or corrects fields; an empty field never erases one.
      {&put_person_, "INSERT INTO persons VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(person_id) DO UPDATE SET "
                     "name=coalesce(excluded.name,name), aliases=coalesce(excluded.aliases,aliases), "
                     "born=coalesce(excluded.born,born), nationality=coalesce(excluded.nationality,nationality), "
                     "languages=coalesce(excluded.languages,languages), status=coalesce(excluded.status,status), "
                     "status_time=coalesce(excluded.status_time,status_time), "
                     "attributes=coalesce(excluded.attributes,attributes), "
                     "source_id=excluded.source_id, line=excluded.line"},
      {&put_account_, "INSERT INTO accounts VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(account_id) DO UPDATE SET "
                      "platform=coalesce(excluded.platform,platform), handle=coalesce(excluded.handle,handle), "
                      "display_name=coalesce(excluded.display_name,display_name), phone=coalesce(excluded.phone,phone), "
                      "email=coalesce(excluded.email,email), owner=coalesce(excluded.owner,owner), "
                      "created=coalesce(excluded.created,created), closed=coalesce(excluded.closed,closed), "
                      "closed_reason=coalesce(excluded.closed_reason,closed_reason), "
                      "attributes=coalesce(excluded.attributes,attributes), "
                      "source_id=excluded.source_id, line=excluded.line"},
      {&put_incident_, "INSERT INTO incidents VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(incident_id) DO UPDATE SET "
                       "time=coalesce(excluded.time,time), kind=coalesce(excluded.kind,kind), "
                       "place=coalesce(excluded.place,place), country=coalesce(excluded.country,country), "
                       "perpetrators=coalesce(excluded.perpetrators,perpetrators), "
                       "attributes=coalesce(excluded.attributes,attributes), "
                       "source_id=excluded.source_id, line=excluded.line"},
      {&put_relation_, "INSERT INTO relations(source, target, kind, since, until, evidence, attributes, "
                       "source_id, line) VALUES(?,?,?,?,?,?,?,?,?)"},
      {&put_segment_, "INSERT INTO event_segments(source_id, count, t_min, t_max, time, source, target, "
                      "platform, kind, duration, size, line, content, attributes) "
                      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
  };
  for (const auto& p : prepared) {
    LP_ASSIGN_OR_RETURN(*p.stmt, sql::Stmt::Prepare(db, p.sql));
  }
  return Status::Ok();
}

Result<uint16_t> CaseWriter::Platform(std::string_view name, std::optional<PlatformClass> cls) {
  auto it = platform_ids_.find(name);
  if (it != platform_ids_.end()) {
    if (cls && platforms_[it->second].cls != *cls) {
      platforms_[it->second].cls = *cls;
      LP_RETURN_IF_ERROR(put_platform_.Bind(1, it->second).Bind(2, name).Bind(3, ToString(*cls)).Run());
    }
    return it->second;
  }
  if (platforms_.size() >= 0xFFFF) return Status::InvalidArgument("more than 65535 platforms");
  const auto id = static_cast<uint16_t>(platforms_.size());
  const PlatformClass c = cls.value_or(DefaultPlatformClass(name));
  LP_RETURN_IF_ERROR(put_platform_.Bind(1, id).Bind(2, name).Bind(3, ToString(c)).Run());
  platforms_.push_back({std::string(name), c});
  platform_ids_.emplace(std::string(name), id);
  if (!cls && c == PlatformClass::kOther && name != "unknown") unclassed_platforms_.emplace_back(name);
  return id;
}

std::optional<CaseWriter::EndpointRef> CaseWriter::FindEndpoint(std::string_view key) const {
  auto it = endpoints_.find(key);
  if (it == endpoints_.end()) return std::nullopt;
  return it->second;
}

Result<EndpointId> CaseWriter::Endpoint(std::string_view key, EndpointKind kind, uint32_t line) {
  auto it = endpoints_.find(key);
  if (it != endpoints_.end()) {
    if (it->second.kind == EndpointKind::kOpaque && kind != EndpointKind::kOpaque) {
      it->second.kind = kind;
      LP_RETURN_IF_ERROR(upgrade_endpoint_.Bind(1, KindName(kind)).Bind(2, it->second.id).Run());
    }
    return it->second.id;
  }
  if (next_endpoint_ == kNoEndpoint) return Status::InvalidArgument("more than 2^32-1 endpoints");
  const EndpointId id = next_endpoint_++;
  LP_RETURN_IF_ERROR(put_endpoint_.Bind(1, id).Bind(2, key).Bind(3, KindName(kind))
                         .Bind(4, source_id_).Bind(5, line).Run());
  endpoints_.emplace(std::string(key), EndpointRef{id, kind});
  return id;
}

Status CaseWriter::PutPerson(const Person& p) {
  auto& s = put_person_;
  s.Bind(1, p.id).BindOptional(2, p.name).BindOptional(3, JoinList(p.aliases)).BindOptional(4, p.born)
      .BindOptional(5, p.nationality).BindOptional(6, JoinList(p.languages)).BindOptional(7, p.status)
      .BindOptional(8, p.status_time, kNoTime).BindOptional(9, p.attributes_json)
      .Bind(10, source_id_).Bind(11, p.provenance.line);
  return s.Run();
}

Status CaseWriter::PutAccount(Account& a) {
  LP_ASSIGN_OR_RETURN(a.endpoint, Endpoint(a.id, EndpointKind::kAccount, a.provenance.line));
  auto& s = put_account_;
  s.Bind(1, a.id).BindOptional(2, a.platform).BindOptional(3, a.handle).BindOptional(4, a.display_name)
      .BindOptional(5, a.phone).BindOptional(6, a.email).BindOptional(7, a.owner)
      .BindOptional(8, a.created, kNoTime).BindOptional(9, a.closed, kNoTime)
      .BindOptional(10, a.closed_reason).Bind(11, a.endpoint).BindOptional(12, a.attributes_json)
      .Bind(13, source_id_).Bind(14, a.provenance.line);
  return s.Run();
}

Status CaseWriter::PutIncident(const Incident& i) {
  auto& s = put_incident_;
  s.Bind(1, i.id).BindOptional(2, i.time, kNoTime).BindOptional(3, i.kind).BindOptional(4, i.place)
      .BindOptional(5, i.country).BindOptional(6, JoinList(i.perpetrators))
      .BindOptional(7, i.attributes_json).Bind(8, source_id_).Bind(9, i.provenance.line);
  return s.Run();
}

Status CaseWriter::PutRelation(const Relation& r) {
  auto& s = put_relation_;
  s.Bind(1, r.source).Bind(2, r.target).BindOptional(3, r.kind).BindOptional(4, r.since, kNoTime)
      .BindOptional(5, r.until, kNoTime).BindOptional(6, r.evidence).BindOptional(7, r.attributes_json)
      .Bind(8, source_id_).Bind(9, r.provenance.line);
  return s.Run();
}

Status CaseWriter::AddEvent(TimeMs time, EndpointId source, EndpointId target, uint16_t platform,
                            EventKind kind, int32_t duration_s, int64_t size_bytes, uint32_t line,
                            std::string_view content_hash, std::string_view attributes_json) {
  segment_.Add(time, source, target, platform, kind, duration_s, size_bytes, line, content_hash,
               attributes_json);
  if (segment_.size() >= kSegmentEvents) return FlushSegment();
  return Status::Ok();
}

Status CaseWriter::FlushSegment() {
  if (segment_.size() == 0) return Status::Ok();
  LP_RETURN_IF_ERROR(WriteEncodedSegment());
  std::swap(segment_, encoding_);  // the emptied builder keeps its capacity for the next fill
  encoded_ = std::async(std::launch::async, [this] { return encoder_.Encode(encoding_); });
  return Status::Ok();
}

Status CaseWriter::WriteEncodedSegment() {
  if (!encoded_.valid()) return Status::Ok();
  const EncodedSegment e = encoded_.get();
  encoding_.Clear();
  auto& s = put_segment_;
  s.Bind(1, source_id_).Bind(2, e.count).Bind(3, e.t_min).Bind(4, e.t_max)
      .BindBlob(5, e.time).BindBlob(6, e.source).BindBlob(7, e.target).BindBlob(8, e.platform)
      .BindBlob(9, e.kind).BindBlob(10, e.duration).BindBlob(11, e.size).BindBlob(12, e.line)
      .BindBlob(13, e.content);
  if (e.attributes.empty()) s.BindNull(14); else s.BindBlob(14, e.attributes);
  LP_RETURN_IF_ERROR(s.Run());
  events_written_ += e.count;
  return Status::Ok();
}

Status CaseWriter::Commit(int64_t rows_accepted, int64_t rows_rejected, std::string_view hash_read,
                          int64_t bytes_read) {
  const bool changed = (bytes_read >= 0 && bytes_read != file_.bytes) ||
                       (!file_.content_hash.empty() && !hash_read.empty() && hash_read != file_.content_hash);
  if (changed) return Status::IOError("'" + file_.path + "' changed while it was being ingested; ingest it again");
  if (file_.content_hash.empty()) {
    if (hash_read.empty()) return Status::InvalidArgument("'" + file_.path + "': no content hash to record");
    file_.content_hash = hash_read;
  }
  LP_RETURN_IF_ERROR(FlushSegment());
  LP_RETURN_IF_ERROR(WriteEncodedSegment());
  sqlite3* db = store_.db();
  const std::string finished = NowIso();
  {
    LP_ASSIGN_OR_RETURN(auto s, sql::Stmt::Prepare(db,
        "INSERT INTO sources(id, path, kind, content_hash, bytes, rows_accepted, rows_rejected, "
        "started, finished) VALUES(?,?,?,?,?,?,?,?,?)"));
    s.Bind(1, source_id_).Bind(2, file_.path).Bind(3, file_.kind).Bind(4, file_.content_hash)
        .Bind(5, file_.bytes).Bind(6, rows_accepted).Bind(7, rows_rejected).Bind(8, started_)
        .Bind(9, finished);
    LP_RETURN_IF_ERROR(s.Run());
  }
  {
    LP_ASSIGN_OR_RETURN(auto s, sql::Stmt::Prepare(db,
        "INSERT INTO ingest_log(at, path, kind, content_hash, outcome, rows_accepted, rows_rejected) "
        "VALUES(?,?,?,?,'committed',?,?)"));
    s.Bind(1, finished).Bind(2, file_.path).Bind(3, file_.kind).Bind(4, file_.content_hash)
        .Bind(5, rows_accepted).Bind(6, rows_rejected);
    LP_RETURN_IF_ERROR(s.Run());
  }
  return tx_.Commit();
}

Status LogIngestAttempt(CaseStore& store, const SourceFile& file, std::string_view outcome,
                        int64_t rows_accepted, int64_t rows_rejected, std::string_view message) {
  LP_ASSIGN_OR_RETURN(auto s, sql::Stmt::Prepare(store.db(),
      "INSERT INTO ingest_log(at, path, kind, content_hash, outcome, rows_accepted, rows_rejected, "
      "message) VALUES(?,?,?,?,?,?,?,?)"));
  s.Bind(1, NowIso()).Bind(2, file.path).Bind(3, file.kind).BindOptional(4, file.content_hash)
      .Bind(5, outcome).Bind(6, rows_accepted).Bind(7, rows_rejected).Bind(8, message);
  return s.Run();
}

}  // namespace linchpin
