// Two-window change-point detection on accounts' outgoing behaviour. See takeover.h.
#include "resolve/linking/takeover.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "common/strings.h"

namespace linchpin::resolve {
namespace {

std::string Fixed(double x, const char* fmt = "%.2f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, x);
  return buf;
}

// The outgoing behaviour of an account inside one window.
struct WindowStats {
  uint32_t events = 0, contact_events = 0;
  std::vector<EndpointId> contacts;  // sorted unique targets
  std::array<double, kRhythmBins> hours{};
  std::array<double, kEventKindCount> kinds{};
  double days = 0;
};

WindowStats Summarise(const CaseData& c, const std::vector<uint32_t>& rows, size_t from, size_t to, TimeMs span) {
  WindowStats w;
  const EventTable& ev = c.events;
  for (size_t i = from; i < to; ++i) {
    const uint32_t row = rows[i];
    ++w.events;
    ++w.hours[static_cast<size_t>(((ev.time[row] / kHourMs) % 24 + 24) % 24)];
    ++w.kinds[static_cast<size_t>(ev.kind[row])];
    if (ev.target[row] != kNoEndpoint) {
      ++w.contact_events;
      w.contacts.push_back(ev.target[row]);
    }
  }
  std::sort(w.contacts.begin(), w.contacts.end());
  w.contacts.erase(std::unique(w.contacts.begin(), w.contacts.end()), w.contacts.end());
  w.days = std::max(1.0, static_cast<double>(span) / kDayMs);
  return w;
}

template <size_t B>
double TotalVariation(const std::array<double, B>& x, double nx, const std::array<double, B>& y, double ny) {
  double l1 = 0;
  for (size_t i = 0; i < B; ++i) l1 += std::abs(x[i] / nx - y[i] / ny);
  return l1 / 2;
}

double SamplingNoise(double bins, double n1, double n2) { return 0.4 * std::sqrt(bins) * std::sqrt(1 / n1 + 1 / n2); }

struct Shift {
  int count = 0;             // how many of the four habits shifted
  bool contacts_replaced = false;
  bool contacts_kept = false;   // both windows address people, and mostly the same ones
  std::vector<Evidence> evidence;
};

Shift CompareWindows(const WindowStats& before, const WindowStats& after) {
  Shift s;
  // Contacts: the share of the later window's contacts that are new, or a switch between
  // talking to people and talking to nobody (posting only).
  if (before.contact_events >= 3 && after.contact_events >= 3) {
    std::vector<EndpointId> both;
    std::set_intersection(before.contacts.begin(), before.contacts.end(), after.contacts.begin(), after.contacts.end(),
                          std::back_inserter(both));
    const double jaccard = static_cast<double>(both.size()) /
                           static_cast<double>(before.contacts.size() + after.contacts.size() - both.size());
    if (jaccard <= 0.1) {
      s.contacts_replaced = true;
      s.evidence.push_back({"contacts", "contacts replaced: Jaccard " + Fixed(jaccard) + " between the windows", 0});
    } else if (jaccard >= 0.3) {
      s.contacts_kept = true;
    }
  } else if ((before.contact_events >= 5 && after.contact_events == 0 && after.events >= 3) ||
             (after.contact_events >= 5 && before.contact_events == 0 && before.events >= 5)) {
    s.contacts_replaced = true;
    s.evidence.push_back({"contacts", before.contact_events ? "stopped addressing anyone (posts only)" : "started addressing others", 0});
  }
  s.count += s.contacts_replaced;
  const double rhythm = TotalVariation(before.hours, before.events, after.hours, after.events);
  const double rhythm_noise = SamplingNoise(kRhythmBins, before.events, after.events);
  if (rhythm > rhythm_noise + 0.15) {
    ++s.count;
    s.evidence.push_back({"rhythm", "hourly rhythm moved: distance " + Fixed(rhythm) + " (noise " + Fixed(rhythm_noise) + ")", 0});
  }
  const double kinds = TotalVariation(before.kinds, before.events, after.kinds, after.events);
  const double kind_noise = SamplingNoise(4, before.events, after.events);  // few kinds carry the mass
  if (kinds > kind_noise + 0.2) {
    ++s.count;
    s.evidence.push_back({"habits", "mix of event kinds changed: distance " + Fixed(kinds) + " (noise " + Fixed(kind_noise) + ")", 0});
  }
  const double rate_before = before.events / before.days, rate_after = after.events / after.days;
  const double ratio = rate_after / std::max(rate_before, 1e-9);
  if ((ratio >= 3 && after.events >= 4) || (ratio <= 1.0 / 3 && before.events >= 8)) {
    ++s.count;
    s.evidence.push_back({"rate", Fixed(rate_before) + " events/day before, " + Fixed(rate_after) + " after", 0});
  }
  return s;
}

class AccountScan {
 public:
  AccountScan(const CaseData& c, const CaseProfiles& profiles, uint32_t account, const TakeoverOptions& options)
      : c_(c), options_(options) {
    for (uint32_t row : profiles.EventRows(account)) {
      if (profiles.IsOutgoing(c, account, row)) rows_.push_back(row);
    }
  }

  // The comparison of the windows on both sides of time t; nullopt with too few events.
  std::optional<Shift> At(TimeMs t, size_t* first_after, size_t min_before) const {
    const auto time_of = [&](uint32_t row) { return c_.events.time[row]; };
    const size_t split = std::partition_point(rows_.begin(), rows_.end(), [&](uint32_t r) { return time_of(r) < t; }) - rows_.begin();
    const size_t begin = std::partition_point(rows_.begin(), rows_.end(), [&](uint32_t r) { return time_of(r) < t - options_.window; }) - rows_.begin();
    const size_t end = std::partition_point(rows_.begin(), rows_.end(), [&](uint32_t r) { return time_of(r) < t + options_.window; }) - rows_.begin();
    if (split - begin < min_before || end - split < options_.min_events_after) return std::nullopt;
    *first_after = split;
    // Each window's span is what the account's events cover of it, so a short case is not
    // mistaken for a slow account.
    const TimeMs span_before = t - std::max(t - options_.window, time_of(rows_[begin]));
    const TimeMs span_after = std::min(t + options_.window, time_of(rows_[end - 1]) + kDayMs) - t;
    return CompareWindows(Summarise(c_, rows_, begin, split, span_before), Summarise(c_, rows_, split, end, span_after));
  }

  const std::vector<uint32_t>& rows() const { return rows_; }

 private:
  const CaseData& c_;
  const TakeoverOptions& options_;
  std::vector<uint32_t> rows_;  // outgoing, time-ordered
};

// Fewer events are needed before a known death than before an unexplained point: the status
// time is given, not searched for, so there is no multiple-testing to pay for.
constexpr size_t kMinEventsBeforeStatus = 3;

std::optional<Takeover> AfterOwnerStatus(const CaseData& c, const AccountScan& scan, uint32_t account, const Person& owner) {
  const bool dead = EqualsIgnoreCase(owner.status, "dead") || EqualsIgnoreCase(owner.status, "deceased");
  const bool arrested = EqualsIgnoreCase(owner.status, "arrested") || EqualsIgnoreCase(owner.status, "detained");
  if ((!dead && !arrested) || owner.status_time == kNoTime) return std::nullopt;
  const auto& rows = scan.rows();
  const size_t first_after = std::partition_point(rows.begin(), rows.end(), [&](uint32_t r) {
                               return c.events.time[r] <= owner.status_time;
                             }) - rows.begin();
  const size_t sent_after = rows.size() - first_after;
  if (sent_after < 2 || first_after < kMinEventsBeforeStatus) return std::nullopt;
  // The habits are compared when both windows hold enough events; a takeover of a dead man's
  // public account is often a handful of posts in a few days, too few for that, and then the
  // sending itself is the evidence.
  size_t split = 0;
  const std::optional<Shift> shift = scan.At(owner.status_time, &split, kMinEventsBeforeStatus);
  // Still talking to the same people as before: the user did not change — the status time, or
  // the link of this account to the dead man, is what is wrong (a linking error, not a takeover).
  if (shift && shift->contacts_kept) return std::nullopt;
  const int shifts = shift ? shift->count : 0;
  Takeover t;
  t.account = account;
  t.time = c.events.time[rows[first_after]];
  // A dead man's account that keeps sending is someone else's: two events after the death are
  // reported (0.55), each further one and each shifted habit adds. An arrested man's may be his
  // family's or the police's, so arrest needs shifted habits as well (two at least). What tells
  // a new user from an error in the recorded status time is in the evidence either way.
  const double sending = 0.05 * static_cast<double>(std::min<size_t>(sent_after, 5));
  t.confidence = std::min(0.95, (dead ? 0.45 : 0.15) + sending + 0.15 * shifts);
  t.evidence.push_back({"owner", "owner " + owner.id + " " + owner.status + " since " + FormatTime(owner.status_time) + "; " +
                                     std::to_string(sent_after) + " events sent after", 0});
  if (shift) t.evidence.insert(t.evidence.end(), shift->evidence.begin(), shift->evidence.end());
  return t;
}

std::optional<Takeover> ScanForChange(const CaseData& c, const AccountScan& scan, uint32_t account, const TakeoverOptions& options) {
  const auto& rows = scan.rows();
  if (rows.size() < options.min_events_before + options.min_events_after) return std::nullopt;
  std::optional<Shift> best;
  size_t best_split = 0;
  for (int k = 1; k < options.scan_points; ++k) {
    const size_t index = rows.size() * static_cast<size_t>(k) / static_cast<size_t>(options.scan_points);
    const TimeMs t = c.events.time[rows[index]];
    if (t - c.events.time[rows.front()] < options.min_scan_span || c.events.time[rows.back()] - t < options.min_scan_span) continue;
    size_t split = 0;
    std::optional<Shift> s = scan.At(t, &split, options.min_events_before);
    if (!s || !s->contacts_replaced) continue;  // contacts drifting is the precondition (see header)
    if (!best || s->count > best->count) best = std::move(s), best_split = split;
  }
  if (!best || best->count < 2) return std::nullopt;
  Takeover t;
  t.account = account;
  t.time = c.events.time[rows[best_split]];
  // Without a known death or arrest, two or three shifted habits happen by themselves (a new
  // job, a holiday, a bursty conversation): only all four at once reach the reporting confidence.
  t.confidence = std::min(0.9, 0.06 + 0.12 * best->count);
  t.evidence = std::move(best->evidence);
  return t;
}

}  // namespace

std::vector<Takeover> DetectTakeovers(const CaseData& c, const CaseProfiles& profiles,
                                      const std::vector<uint32_t>& person_of_account,
                                      const TakeoverOptions& options) {
  std::vector<std::optional<Takeover>> found(c.accounts.size());
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, static_cast<uint32_t>(c.accounts.size()), 64), [&](const auto& range) {
    for (uint32_t a = range.begin(); a != range.end(); ++a) {
      if (profiles.profile(a).outgoing < kMinEventsBeforeStatus + options.min_events_after) continue;
      const AccountScan scan(c, profiles, a, options);
      const uint32_t person = person_of_account[a];
      std::optional<Takeover> t;
      if (person != kNoIndex) t = AfterOwnerStatus(c, scan, a, c.persons[person]);
      if (!t) t = ScanForChange(c, scan, a, options);
      if (t && t->confidence >= options.min_confidence) found[a] = std::move(t);
    }
  });
  std::vector<Takeover> out;
  for (auto& t : found) {
    if (t) out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace linchpin::resolve
