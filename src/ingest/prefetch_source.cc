#include "ingest/prefetch_source.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace linchpin {

namespace {

// Rows of one batch. Each record's raw text is copied once into the arena, and its fields are
// spans of that copy; only a field whose text is not inside the record as written (an
// unescaped quoted CSV field, a JSON value) is appended after it. Copying every field again,
// and keeping a std::string per item, was most of the reader thread's time on a large file.
struct Batch {
  struct Span {
    uint32_t offset = 0, length = 0;
  };
  struct Item {
    uint64_t line = 0;
    Span raw;
    uint32_t first_field = 0;  // kRow: index of its first field; kBadRow: index into `errors`
    uint32_t field_count = 0;
    ReadOutcome outcome = ReadOutcome::kRow;
  };
  struct Error {
    uint32_t column = 0;
    std::string message;
  };
  std::string arena;
  std::vector<Span> fields;
  // Parallel to `fields` once any row carried presence flags (JSON Lines); empty before.
  std::vector<bool> present;
  bool any_absent = false;
  std::vector<RowScalars> scalars;  // parallel to the items when there is a preparer
  std::vector<Item> items;
  std::vector<Error> errors;
  std::shared_ptr<const std::vector<std::string>> columns;
  uint64_t columns_version = 0;
  uint64_t bytes_consumed = 0;     // of the inner source after this batch
  Status fatal;                    // the inner source failed; this batch is the last
  bool last = false;

  std::string_view View(Span s) const { return {arena.data() + s.offset, s.length}; }
  // Copies `text` into the arena; the caller keeps the arena under 4 GiB (kBatchBytes).
  Span Copy(std::string_view text) {
    const Span s{static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(text.size())};
    arena.append(text);
    return s;
  }

  void Clear() {
    arena.clear(); fields.clear(); present.clear(); items.clear(); errors.clear(); scalars.clear();
    any_absent = false;
    columns.reset();
    fatal = Status::Ok();
    last = false;
  }
};

constexpr size_t kBatchRows = 4096;
constexpr size_t kBatchBytes = 1 << 20;
// Bounded (16 MiB whatever the file), and deep enough to ride out the reader losing its core
// to the segment encoder for a few milliseconds.
constexpr size_t kQueueDepth = 16;

class PrefetchSource final : public RecordSource {
 public:
  PrefetchSource(std::unique_ptr<RecordSource> inner, RowPreparer prepare)
      : inner_(std::move(inner)),
        prepare_(std::move(prepare)),
        last_columns_(std::make_shared<const std::vector<std::string>>(inner_->columns())),
        last_version_(inner_->columns_version()),
        columns_(last_columns_),
        columns_version_(last_version_),
        reader_([this] { ReadAll(); }) {}

  ~PrefetchSource() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    reader_.join();
  }

  const std::vector<std::string>& columns() const override { return *columns_; }
  uint64_t columns_version() const override { return columns_version_; }
  uint64_t bytes_consumed() const override { return bytes_consumed_; }

  const RowScalars* PeekScalars(size_t ahead) const override {
    if (!current_ || current_->scalars.empty() || next_item_ + ahead - 1 >= current_->items.size()) return nullptr;
    return &current_->scalars[next_item_ + ahead - 1];
  }

  Result<ReadOutcome> Next(Row& row, RowError& error) override {
    while (!current_ || next_item_ == current_->items.size()) {
      if (current_ && current_->last) {
        if (!current_->fatal.ok()) return current_->fatal;
        return ReadOutcome::kEnd;
      }
      current_ = Pop(std::move(current_));
      next_item_ = 0;
      columns_ = current_->columns;
      columns_version_ = current_->columns_version;
      bytes_consumed_ = current_->bytes_consumed;
    }
    const Batch& b = *current_;
    const size_t index = next_item_++;
    const Batch::Item& it = b.items[index];
    const std::string_view raw = b.View(it.raw);
    if (it.outcome == ReadOutcome::kBadRow) {
      const Batch::Error& e = b.errors[it.first_field];
      error.line = it.line;
      error.column = e.column;
      error.message = e.message;
      error.raw = raw;
      return ReadOutcome::kBadRow;
    }
    row.line = it.line;
    row.raw = raw;
    row.scalars = b.scalars.empty() ? nullptr : &b.scalars[index];
    row.fields.resize(it.field_count);
    row.present.clear();
    const Batch::Span* spans = b.fields.data() + it.first_field;
    for (uint32_t f = 0; f < it.field_count; ++f) row.fields[f] = b.View(spans[f]);
    if (b.any_absent) {
      row.present.assign(b.present.begin() + it.first_field,
                         b.present.begin() + it.first_field + it.field_count);
    }
    return ReadOutcome::kRow;
  }

 private:
  // Reader thread: fill batches until the end, an I/O failure, or stop.
  void ReadAll() {
    Row row;
    RowError err;
    while (true) {
      std::unique_ptr<Batch> batch = TakeSpare();
      bool done = false;
      while (batch->items.size() < kBatchRows && batch->arena.size() < kBatchBytes) {
        auto outcome = inner_->Next(row, err);
        if (!outcome.ok()) {
          batch->fatal = outcome.status();
          done = true;
          break;
        }
        if (*outcome == ReadOutcome::kEnd) {
          done = true;
          break;
        }
        Append(*batch, *outcome, row, err);
        if (prepare_) {
          batch->scalars.push_back(*outcome == ReadOutcome::kRow ? prepare_(row) : RowScalars());
        }
      }
      batch->last = done;
      batch->columns = inner_->columns_version() == last_version_
                           ? last_columns_
                           : (last_columns_ = std::make_shared<const std::vector<std::string>>(inner_->columns()));
      last_version_ = inner_->columns_version();
      batch->columns_version = last_version_;
      batch->bytes_consumed = inner_->bytes_consumed();
      if (!Push(std::move(batch)) || done) return;
    }
  }

  static void Append(Batch& b, ReadOutcome outcome, const Row& row, const RowError& err) {
    Batch::Item it;
    it.outcome = outcome;
    const std::string_view raw = outcome == ReadOutcome::kRow ? row.raw : err.raw;
    it.raw = b.Copy(raw);
    if (outcome == ReadOutcome::kBadRow) {
      it.line = err.line;
      it.first_field = static_cast<uint32_t>(b.errors.size());
      b.errors.push_back({err.column, err.message});
    } else {
      it.line = row.line;
      it.first_field = static_cast<uint32_t>(b.fields.size());
      it.field_count = static_cast<uint32_t>(row.fields.size());
      for (const std::string_view f : row.fields) {
        // A field inside the raw text is a span of its copy (std::less: the pointers may be
        // into different buffers).
        const bool inside = !std::less<const char*>()(f.data(), raw.data()) &&
                            !std::less<const char*>()(raw.data() + raw.size(), f.data() + f.size());
        b.fields.push_back(inside ? Batch::Span{it.raw.offset + static_cast<uint32_t>(f.data() - raw.data()),
                                                static_cast<uint32_t>(f.size())}
                                  : b.Copy(f));
      }
      AppendPresence(b, row);
    }
    b.items.push_back(it);
  }

  // Keeps `present` parallel to `fields` from the first row that has presence flags on.
  static void AppendPresence(Batch& b, const Row& row) {
    if (row.present.empty() && b.present.empty()) return;
    const size_t before = b.fields.size() - row.fields.size();
    b.present.resize(before, true);
    for (size_t f = 0; f < row.fields.size(); ++f) {
      const bool here = row.present.empty() || row.present[f];
      b.present.push_back(here);
      b.any_absent |= !here;
    }
  }

  bool Push(std::unique_ptr<Batch> b) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return stop_ || queue_.size() < kQueueDepth; });
    if (stop_) return false;
    queue_.push_back(std::move(b));
    cv_.notify_all();
    return true;
  }

  // Returns the next batch and takes back `done`, the one the consumer has finished with.
  std::unique_ptr<Batch> Pop(std::unique_ptr<Batch> done) {
    std::unique_lock<std::mutex> lock(mu_);
    if (done) spares_.push_back(std::move(done));
    cv_.wait(lock, [this] { return !queue_.empty(); });
    auto b = std::move(queue_.front());
    queue_.pop_front();
    cv_.notify_all();
    return b;
  }

  // A finished batch, cleared, or a new one. Reusing batches keeps their buffers: allocating
  // a fresh megabyte arena per batch cost page faults and zeroing on both threads.
  std::unique_ptr<Batch> TakeSpare() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!spares_.empty()) {
        auto b = std::move(spares_.back());
        spares_.pop_back();
        b->Clear();
        return b;
      }
    }
    auto b = std::make_unique<Batch>();
    // Sized up front: growing the arena row by row copied it over and over (a tenth of the
    // reader thread's time in memmove).
    b->arena.reserve(kBatchBytes + (64 << 10));  // the last row may overshoot a little
    b->items.reserve(kBatchRows);
    if (prepare_) b->scalars.reserve(kBatchRows);
    b->fields.reserve(kBatchRows * 8);
    return b;
  }

  // The two threads' members sit on separate cache lines: the consumer bumps next_item_ on
  // every row, and sharing a line with what the reader loads on every row (inner_, prepare_)
  // made each of those loads a coherence miss (measured: a third of the reader's time).
  // Reader side (and read-only after construction).
  std::unique_ptr<RecordSource> inner_;
  const RowPreparer prepare_;  // called on the reader thread only
  std::shared_ptr<const std::vector<std::string>> last_columns_;
  uint64_t last_version_ = 0;
  // Consumer side.
  alignas(64) std::unique_ptr<Batch> current_;
  size_t next_item_ = 0;
  std::shared_ptr<const std::vector<std::string>> columns_;
  uint64_t columns_version_ = 0;
  uint64_t bytes_consumed_ = 0;
  // Shared.
  alignas(64) std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> queue_;
  std::vector<std::unique_ptr<Batch>> spares_;  // queued + filling + consumed: kQueueDepth + 2 at most
  bool stop_ = false;
  std::thread reader_;  // last: starts once every other member is ready
};

}  // namespace

std::unique_ptr<RecordSource> Prefetch(std::unique_ptr<RecordSource> inner, RowPreparer prepare) {
  return std::make_unique<PrefetchSource>(std::move(inner), std::move(prepare));
}

}  // namespace linchpin
