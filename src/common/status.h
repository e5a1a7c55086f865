// Status and Result<T>: errors as values for user and I/O errors (LevelDB style).
// Invariants use assert(); anything a user's file or the disk can cause returns a Status.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace linchpin {

class Status {
 public:
  enum class Code { kOk, kInvalidArgument, kNotFound, kIOError, kCorruption, kParseError, kAlreadyExists };

  Status() = default;  // OK; costs nothing.
  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IOError(std::string m) { return {Code::kIOError, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status ParseError(std::string m) { return {Code::kParseError, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse error: events.csv:12: column 'time': ..." — what the CLI prints.
  std::string ToString() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Result<T> holds either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {     // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result constructed from an OK status");
  }
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { assert(ok()); return std::get<T>(v_); }
  const T& value() const& { assert(ok()); return std::get<T>(v_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace linchpin

// Propagate a non-OK Status from an expression returning Status.
#define LP_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::linchpin::Status lp_status_ = (expr);      \
    if (!lp_status_.ok()) return lp_status_;     \
  } while (0)

#define LP_CONCAT_INNER(a, b) a##b
#define LP_CONCAT(a, b) LP_CONCAT_INNER(a, b)
// LP_ASSIGN_OR_RETURN(auto x, MakeX()); — unwraps a Result or returns its Status.
#define LP_ASSIGN_OR_RETURN(lhs, expr) LP_ASSIGN_OR_RETURN_IMPL(LP_CONCAT(lp_result_, __LINE__), lhs, expr)
#define LP_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
