#include "store/sqlite_util.h"

namespace linchpin::sql {

Status Error(sqlite3* db, std::string_view what) {
  const std::string message = std::string(what) + ": " + sqlite3_errmsg(db);
  // A damaged file is for the user to restore from a backup, not a passing I/O failure.
  return sqlite3_errcode(db) == SQLITE_CORRUPT ? Status::Corruption(message) : Status::IOError(message);
}

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = "SQL failed: " + std::string(err ? err : "unknown SQLite error");
    sqlite3_free(err);
    return rc == SQLITE_CORRUPT ? Status::Corruption(msg) : Status::IOError(msg);
  }
  return Status::Ok();
}

Result<Stmt> Stmt::Prepare(sqlite3* db, std::string_view sql) {
  Stmt s;
  s.db_ = db;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s.stmt_, nullptr) !=
      SQLITE_OK) {
    return Error(db, "preparing '" + std::string(sql.substr(0, 60)) + "'");
  }
  return s;
}

Result<bool> Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(db_, std::string("running '") + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "'");
}

Status Stmt::Run() {
  auto r = Step();
  Reset();
  return r.ok() ? Status::Ok() : r.status();
}

Result<Transaction> Transaction::Begin(sqlite3* db) {
  LP_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Commit() {
  LP_RETURN_IF_ERROR(Exec(db_, "COMMIT"));
  db_ = nullptr;
  return Status::Ok();
}

}  // namespace linchpin::sql
