#include "ingest/prefetch_source.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace linchpin {

namespace {

// Rows of one batch, copied out of the reader's buffer into one arena.
struct Batch {
  struct Item {
    ReadOutcome outcome = ReadOutcome::kRow;
    uint64_t line = 0;
    uint32_t first_field = 0, field_count = 0;
    size_t raw_offset = 0, raw_length = 0;
    uint32_t error_column = 0;
    std::string error_message;
  };
  std::string arena;
  std::vector<size_t> field_offset, field_length;
  std::vector<bool> present;       // parallel to the fields; empty entries mean "present"
  std::vector<RowScalars> scalars; // parallel to the items when there is a preparer
  bool any_presence = false;
  std::vector<Item> items;
  std::shared_ptr<const std::vector<std::string>> columns;
  uint64_t columns_version = 0;
  uint64_t bytes_consumed = 0;     // of the inner source after this batch
  Status fatal;                    // the inner source failed; this batch is the last
  bool last = false;

  void Clear() {
    arena.clear(); field_offset.clear(); field_length.clear(); present.clear(); items.clear();
    scalars.clear();
    any_presence = false;
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
        columns_(std::make_shared<const std::vector<std::string>>(inner_->columns())),
        columns_version_(inner_->columns_version()),
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

  std::string_view PeekField(size_t ahead, size_t column) const override {
    if (!current_ || next_item_ + ahead - 1 >= current_->items.size()) return {};
    const Batch::Item& it = current_->items[next_item_ + ahead - 1];
    if (it.outcome != ReadOutcome::kRow || column >= it.field_count) return {};
    const size_t k = it.first_field + column;
    return {current_->arena.data() + current_->field_offset[k], current_->field_length[k]};
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
    const std::string_view raw(b.arena.data() + it.raw_offset, it.raw_length);
    if (it.outcome == ReadOutcome::kBadRow) {
      error.line = it.line;
      error.column = it.error_column;
      error.message = it.error_message;
      error.raw = raw;
      return ReadOutcome::kBadRow;
    }
    row.line = it.line;
    row.raw = raw;
    row.scalars = b.scalars.empty() ? nullptr : &b.scalars[index];
    row.fields.resize(it.field_count);
    row.present.clear();
    for (uint32_t f = 0; f < it.field_count; ++f) {
      const size_t k = it.first_field + f;
      row.fields[f] = std::string_view(b.arena.data() + b.field_offset[k], b.field_length[k]);
    }
    if (b.any_presence) {
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
    it.raw_offset = b.arena.size();
    it.raw_length = raw.size();
    b.arena.append(raw);
    if (outcome == ReadOutcome::kBadRow) {
      it.line = err.line;
      it.error_column = err.column;
      it.error_message = err.message;
    } else {
      it.line = row.line;
      it.first_field = static_cast<uint32_t>(b.field_offset.size());
      it.field_count = static_cast<uint32_t>(row.fields.size());
      for (size_t f = 0; f < row.fields.size(); ++f) {
        b.field_offset.push_back(b.arena.size());
        b.field_length.push_back(row.fields[f].size());
        b.arena.append(row.fields[f]);
        const bool here = row.present.empty() || row.present[f];
        b.present.push_back(here);
        b.any_presence |= !here;
      }
    }
    b.items.push_back(std::move(it));
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
    b->field_offset.reserve(kBatchRows * 8);
    b->field_length.reserve(kBatchRows * 8);
    return b;
  }

  std::unique_ptr<RecordSource> inner_;
  const RowPreparer prepare_;  // called on the reader thread only
  // Consumer side.
  std::unique_ptr<Batch> current_;
  size_t next_item_ = 0;
  std::shared_ptr<const std::vector<std::string>> columns_;
  uint64_t columns_version_ = 0;
  uint64_t bytes_consumed_ = 0;
  // Reader side.
  std::shared_ptr<const std::vector<std::string>> last_columns_ = columns_;
  uint64_t last_version_ = columns_version_;
  // Shared.
  std::mutex mu_;
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
