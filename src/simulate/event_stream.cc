// The event generator and writer. See event_stream.h for the design.
#include "simulate/event_stream.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "model/case.h"
#include "simulate/activity_clock.h"
#include "simulate/rng.h"

namespace linchpin::simulate {
namespace {

// Weibull shape of the gaps between a tie's sessions. k < 1 makes activity bursty; 0.55 gives
// the per-tie burstiness measured on the Copenhagen calls and SMS (see docs/simulator.md).
constexpr double kGapShape = 0.55;

constexpr uint32_t kNoMedia = kNone;

struct RawEvent {
  TimeMs time;
  uint64_t hash_seed;   // 0 = no content hash
  int64_t size_bytes;   // -1 = empty
  uint32_t source, target;  // endpoints (account index or channel flag | index); target may be kNone
  int32_t duration_s;   // -1 = empty
  uint32_t tiebreak;
  uint8_t platform, kind;
};

class Generator {
 public:
  Generator(const World& world, const SimulationConfig& config)
      : world_(world), config_(config), rng_(config.seed ^ 0xE7E7E7E7ull), next_(world.ties.size(), kNoTime) {
    gamma_ = std::tgamma(1.0 + 1.0 / kGapShape);
  }

  // Fills `out` with the events of [w0, w1) (plus spill carried from the previous window).
  void FillWindow(TimeMs w0, TimeMs w1, std::vector<RawEvent>& out) {
    w0_ = w0;
    w1_ = w1;
    out_ = &out;
    out.clear();
    for (const RawEvent& e : spill_) {
      if (e.time < w1) out.push_back(e); else carry_.push_back(e);
    }
    spill_.swap(carry_);
    carry_.clear();
    for (uint32_t i = 0; i < world_.ties.size(); ++i) SpontaneousSessions(i);
    while (script_cursor_ < world_.scripted.size() && world_.scripted[script_cursor_].time < w1) {
      Scripted(world_.scripted[script_cursor_++]);
    }
  }

 private:
  void SpontaneousSessions(uint32_t index) {
    const Tie& tie = world_.ties[index];
    if (tie.sessions_per_day <= 0 || tie.end <= w0_ || tie.start >= w1_) return;
    TimeMs& next = next_[index];
    if (next == kNoTime) next = NextSession(tie, tie.start, true);
    while (next < w1_) {
      if (next >= tie.end) { next = std::numeric_limits<TimeMs>::max(); break; }
      Session(tie, next, rng_.Chance(tie.a_initiates));
      next = NextSession(tie, next, false);
    }
  }

  // The next session after t, in activity time. The first draw starts the renewal process at a
  // random phase (uniform over one mean gap) so ties don't all start at the scenario's start.
  TimeMs NextSession(const Tie& tie, TimeMs t, bool first) {
    const double mean_gap = 1.0 / tie.sessions_per_day;
    const double gap = first ? rng_.Uniform() * mean_gap : rng_.Weibull(mean_gap, kGapShape, gamma_);
    // A minute at least between sessions of one tie: a session is a conversation.
    return std::max(t + kMinuteMs, clock_.Advance(t, gap, tie.utc_offset_h));
  }

  void Scripted(const simulate::Scripted& s) {
    const Tie& tie = world_.ties[s.tie];
    switch (s.kind) {
      case ScriptKind::kSession: Session(tie, s.time, rng_.Chance(tie.a_initiates)); break;
      case ScriptKind::kSessionFromA: Session(tie, s.time, true); break;
      case ScriptKind::kSessionFromB: Session(tie, s.time, false); break;
      case ScriptKind::kSingle:
      case ScriptKind::kSingleFromB: {
        const bool from_a = s.kind == ScriptKind::kSingle;
        const uint32_t src = from_a ? tie.a : tie.b, dst = from_a ? tie.b : tie.a;
        int64_t size = -1;
        uint64_t hash = 0;
        if (s.media != kNoMedia) {
          size = world_.media[s.media].size_bytes;
          hash = world_.media[s.media].hash_seed;
        }
        Push(tie, s.time, src, dst, static_cast<EventKind>(s.event_kind), -1, size, hash);
        break;
      }
    }
  }

  void Session(const Tie& tie, TimeMs t, bool a_opens) {
    const uint32_t opener = a_opens ? tie.a : tie.b, other = a_opens ? tie.b : tie.a;
    switch (tie.kind) {
      case TieKind::kPhone: PhoneSession(tie, t, opener, other); break;
      case TieKind::kChat: ChatSession(tie, t, opener, other); break;
      case TieKind::kPublicTalk: PublicTalk(tie, t); break;
      case TieKind::kPostStream: {
        const bool media = rng_.Chance(0.12);
        Push(tie, t, tie.a, kNone, EventKind::kPost, -1, media ? ImageSize() : -1, media ? NewHash() : 0);
        break;
      }
      case TieKind::kChannelStream: {
        const bool media = rng_.Chance(0.3);
        Push(tie, t, tie.a, tie.b, EventKind::kPost, -1, media ? ImageSize() : -1, media ? NewHash() : 0);
        break;
      }
      case TieKind::kOneWayCalls:
        Push(tie, t, opener, other, EventKind::kCall, rng_.Chance(0.35) ? 0 : CallSeconds(40), -1, 0);
        break;
    }
  }

  // A call (sometimes missed and called back) or a burst of SMS. Call durations are log-normal
  // (median ~70 s), as in operator data.
  void PhoneSession(const Tie& tie, TimeMs t, uint32_t opener, uint32_t other) {
    if (rng_.Chance(0.5)) {
      const bool missed = rng_.Chance(0.12);
      Push(tie, t, opener, other, EventKind::kCall, missed ? 0 : CallSeconds(70), -1, 0);
      if (missed && rng_.Chance(0.5)) {
        Push(tie, t + static_cast<TimeMs>(rng_.Exponential(5 * kMinuteMs)), other, opener, EventKind::kCall, CallSeconds(70), -1, 0);
      }
      return;
    }
    Burst(tie, t, opener, other, rng_.Geometric(3.5), EventKind::kSms);
  }

  void ChatSession(const Tie& tie, TimeMs t, uint32_t opener, uint32_t other) {
    if (rng_.Chance(0.03)) {  // an app voice call
      Push(tie, t, opener, other, EventKind::kCall, CallSeconds(120), -1, 0);
      return;
    }
    Burst(tie, t, opener, other, rng_.Geometric(5), EventKind::kMessage);
  }

  // Messages going back and forth: the other side answers with the tie's reply probability,
  // after a short exponential delay, sometimes after a long pause.
  void Burst(const Tie& tie, TimeMs t, uint32_t sender, uint32_t receiver, int count, EventKind kind) {
    for (int k = 0; k < count; ++k) {
      const bool media = kind == EventKind::kMessage && rng_.Chance(0.04);
      Push(tie, t, sender, receiver, media ? EventKind::kMedia : kind, -1, media ? ImageSize() : -1, media ? NewHash() : 0);
      t += static_cast<TimeMs>(rng_.Exponential(75 * kSecondMs)) + kSecondMs;
      if (rng_.Chance(0.1)) t += static_cast<TimeMs>(rng_.Exponential(40 * kMinuteMs));
      if (rng_.Chance(tie.reply_prob)) std::swap(sender, receiver);
    }
  }

  void PublicTalk(const Tie& tie, TimeMs t) {
    const double x = rng_.Uniform();
    const EventKind kind = x < 0.45 ? EventKind::kReply : x < 0.65 ? EventKind::kMention : EventKind::kRepost;
    Push(tie, t, tie.a, tie.b, kind, -1, -1, 0);
    if (!(tie.b & kChannelFlag) && rng_.Chance(tie.reply_prob * 0.4)) {
      Push(tie, t + static_cast<TimeMs>(rng_.Exponential(20 * kMinuteMs)), tie.b, tie.a, EventKind::kReply, -1, -1, 0);
    }
  }

  int32_t CallSeconds(double median) { return static_cast<int32_t>(std::min(10800.0, rng_.LogNormal(median, 1.0)) + 1); }
  int64_t ImageSize() { return static_cast<int64_t>(rng_.LogNormal(180000, 1.0)) + 1000; }
  uint64_t NewHash() { return rng_.Next() | 1; }

  void Push(const Tie& tie, TimeMs t, uint32_t src, uint32_t dst, EventKind kind, int32_t duration, int64_t size, uint64_t hash) {
    if (t < tie.start || t >= tie.end || t >= world_.end) return;
    if (!rng_.Chance(config_.capture)) return;  // collection gap
    if (config_.time_noise_s > 0) t += static_cast<TimeMs>(rng_.Uniform(-config_.time_noise_s, config_.time_noise_s) * kSecondMs);
    t = std::max(t, w0_);  // noise never moves an event into a window already written
    t -= t % kSecondMs;    // sources record whole seconds
    RawEvent e{t, hash, size, src, dst, duration, static_cast<uint32_t>(rng_.Next()), static_cast<uint8_t>(tie.platform), static_cast<uint8_t>(kind)};
    if (t >= w1_) spill_.push_back(e); else out_->push_back(e);
  }

  const World& world_;
  const SimulationConfig& config_;
  Rng rng_;
  ActivityClock clock_;
  double gamma_ = 1;
  std::vector<TimeMs> next_;
  std::vector<RawEvent> spill_, carry_;
  std::vector<RawEvent>* out_ = nullptr;
  size_t script_cursor_ = 0;
  TimeMs w0_ = 0, w1_ = 0;
};

// Counting sort by second of the day, then by the random tie-break inside each second.
void OrderWindow(std::vector<RawEvent>& events, std::vector<RawEvent>& scratch, std::vector<uint32_t>& counts, TimeMs w0) {
  counts.assign(86401, 0);
  for (const RawEvent& e : events) ++counts[(e.time - w0) / kSecondMs + 1];
  for (size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
  scratch.resize(events.size());
  for (const RawEvent& e : events) scratch[counts[(e.time - w0) / kSecondMs]++] = e;
  size_t begin = 0;
  while (begin < scratch.size()) {
    size_t end = begin + 1;
    while (end < scratch.size() && scratch[end].time == scratch[begin].time) ++end;
    if (end - begin > 1) {
      std::sort(scratch.begin() + begin, scratch.begin() + end,
                [](const RawEvent& x, const RawEvent& y) { return x.tiebreak < y.tiebreak; });
    }
    begin = end;
  }
  events.swap(scratch);
}

// An output buffer written with memcpy and flushed in 8 MiB blocks; a row is at most a few
// hundred bytes, so checking for room once per row is enough.
class CsvSink {
 public:
  explicit CsvSink(std::FILE* file) : file_(file), buffer_(new char[kCapacity + kSlack]) {}
  void Append(std::string_view s) {
    if (s.empty()) return;  // an empty view may hold a null pointer, which memcpy must not get
    std::memcpy(buffer_.get() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void Append(char c) { buffer_[size_++] = c; }
  void AppendInt(int64_t v) { size_ = std::to_chars(buffer_.get() + size_, buffer_.get() + kCapacity + kSlack, v).ptr - buffer_.get(); }
  bool MaybeFlush() { return size_ < kCapacity || Flush(); }
  bool Flush() {
    const bool ok = std::fwrite(buffer_.get(), 1, size_, file_) == size_;
    size_ = 0;
    return ok;
  }

 private:
  static constexpr size_t kCapacity = 8 << 20;
  static constexpr size_t kSlack = 64 << 10;  // room for one more row past the flush mark
  std::FILE* file_;
  std::unique_ptr<char[]> buffer_;
  size_t size_ = 0;
};

// Endpoint keys as written: an account's id, or its E.164 number on the phone platform; a
// channel's id.
struct KeyTable {
  explicit KeyTable(const World& world) {
    for (const Account& a : world.accounts) account_keys.push_back(a.platform == Plat::kPhone ? a.phone_e164 : a.id);
    for (const Channel& c : world.channels) channel_keys.push_back(c.id);
  }
  std::string_view Key(uint32_t endpoint) const {
    if (endpoint == kNone) return {};
    if (endpoint & kChannelFlag) return channel_keys[endpoint & ~kChannelFlag];
    return account_keys[endpoint];
  }
  std::vector<std::string> account_keys, channel_keys;
};

void FormatDayPrefix(TimeMs day_start, char* out) {  // "2026-03-01T"
  const std::string iso = FormatTime(day_start);
  std::memcpy(out, iso.data(), 11);
}

void AppendEvent(CsvSink& sink, const RawEvent& e, const char* day_prefix, TimeMs w0, const KeyTable& keys,
                 const char* const* platform_names) {
  const int64_t second = (e.time - w0) / kSecondMs;
  char clock[10] = {};
  const int h = static_cast<int>(second / 3600), m = static_cast<int>(second / 60 % 60), s = static_cast<int>(second % 60);
  clock[0] = static_cast<char>('0' + h / 10); clock[1] = static_cast<char>('0' + h % 10); clock[2] = ':';
  clock[3] = static_cast<char>('0' + m / 10); clock[4] = static_cast<char>('0' + m % 10); clock[5] = ':';
  clock[6] = static_cast<char>('0' + s / 10); clock[7] = static_cast<char>('0' + s % 10); clock[8] = 'Z';
  sink.Append(std::string_view(day_prefix, 11));
  sink.Append(std::string_view(clock, 9));
  sink.Append(',');
  sink.Append(platform_names[e.platform]);
  sink.Append(',');
  sink.Append(ToString(static_cast<EventKind>(e.kind)));
  sink.Append(',');
  sink.Append(keys.Key(e.source));
  sink.Append(',');
  sink.Append(keys.Key(e.target));
  sink.Append(',');
  if (e.duration_s >= 0) sink.AppendInt(e.duration_s);
  sink.Append(',');
  if (e.size_bytes >= 0) sink.AppendInt(e.size_bytes);
  sink.Append(',');
  if (e.hash_seed != 0) sink.Append(ContentHash(e.hash_seed));
  sink.Append('\n');
}

}  // namespace

std::string ContentHash(uint64_t seed) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  uint64_t state = seed;
  for (int word = 0; word < 4; ++word) {
    const uint64_t v = SplitMix64(state);
    for (int i = 0; i < 16; ++i) out[word * 16 + i] = kHex[(v >> (60 - 4 * i)) & 15];
  }
  return out;
}

namespace {

// Windows handed from the generating thread to the writing one. At most kDepth windows exist
// at once, so memory stays bounded; each thread works sequentially, so output is deterministic.
class WindowPipe {
 public:
  static constexpr size_t kDepth = 3;
  WindowPipe() {
    for (size_t i = 0; i < kDepth; ++i) free_.push_back(std::make_unique<std::vector<RawEvent>>());
  }
  // Producer: an empty buffer to fill, or null when the consumer has stopped.
  std::unique_ptr<std::vector<RawEvent>> TakeFree() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !free_.empty() || stopped_; });
    if (stopped_) return nullptr;
    auto buffer = std::move(free_.back());
    free_.pop_back();
    return buffer;
  }
  void PutFull(std::unique_ptr<std::vector<RawEvent>> buffer) {
    std::lock_guard lock(mutex_);
    full_.push_back(std::move(buffer));
    changed_.notify_all();
  }
  // Consumer: the next filled window in order, or null at the end.
  std::unique_ptr<std::vector<RawEvent>> TakeFull() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) return nullptr;
    auto buffer = std::move(full_.front());
    full_.pop_front();
    return buffer;
  }
  void PutFree(std::unique_ptr<std::vector<RawEvent>> buffer) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(buffer));
    changed_.notify_all();
  }
  void Done() {
    std::lock_guard lock(mutex_);
    done_ = true;
    changed_.notify_all();
  }
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<std::vector<RawEvent>>> free_;
  std::deque<std::unique_ptr<std::vector<RawEvent>>> full_;
  bool done_ = false, stopped_ = false;
};

}  // namespace

Result<uint64_t> WriteEvents(const World& world, const SimulationConfig& config, const std::string& path,
                             const ProgressFn& progress) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Status::IOError("cannot create " + path);
  CsvSink sink(file.get());
  sink.Append("time,platform,kind,source,target,duration_s,size_bytes,content_hash\n");
  const KeyTable keys(world);
  const char* platform_names[kPlatCount];
  for (int p = 0; p < kPlatCount; ++p) platform_names[p] = PlatName(static_cast<Plat>(p));
  const int days = static_cast<int>((world.end - world.start) / kDayMs);

  // Generation (one thread) overlaps formatting and writing (this thread).
  WindowPipe pipe;
  std::thread producer([&] {
    Generator generator(world, config);
    std::vector<RawEvent> scratch;
    std::vector<uint32_t> counts;
    for (int day = 0; day < days; ++day) {
      auto window = pipe.TakeFree();
      if (!window) return;
      const TimeMs w0 = world.start + day * kDayMs;
      generator.FillWindow(w0, w0 + kDayMs, *window);
      OrderWindow(*window, scratch, counts, w0);
      pipe.PutFull(std::move(window));
    }
    pipe.Done();
  });

  Status status;
  uint64_t written = 0;
  for (int day = 0; day < days && status.ok(); ++day) {
    auto window = pipe.TakeFull();
    if (!window) break;
    const TimeMs w0 = world.start + day * kDayMs;
    char prefix[11];
    FormatDayPrefix(w0, prefix);
    const uint64_t expected = day > 0 ? (written + window->size()) / (day + 1) * days : 0;
    for (const RawEvent& e : *window) {
      AppendEvent(sink, e, prefix, w0, keys, platform_names);
      if (!sink.MaybeFlush()) {
        status = Status::IOError("cannot write " + path);
        break;
      }
      ++written;
      if (progress && (written & 255) == 0) progress(written, expected);  // cheap: every 256 rows
    }
    pipe.PutFree(std::move(window));
  }
  pipe.Stop();
  producer.join();
  LP_RETURN_IF_ERROR(status);
  if (!sink.Flush() || std::fflush(file.get()) != 0) return Status::IOError("cannot write " + path);
  return written;
}

}  // namespace linchpin::simulate
