// Human time: sessions follow a daily and weekly rhythm in local time. The clock maps real time
// to "activity time", in which a day of average activity lasts one unit; a Poisson or Weibull
// process run in activity time and mapped back is a non-homogeneous process whose rate follows
// the rhythm (the time-rescaling theorem). Mapping back is a binary search over the 168 hours
// of a week, so it costs the same for any event count.
//
// The hourly profile is the mean of the Copenhagen Networks Study calls and SMS profiles
// (Sapiezynski et al., Sci. Data 6:315, 2019), measured with bench/simulate_stats.py: a trough
// at 04–05 h at ~3% of the mean, peaks at noon and 17 h. Weekends are quieter (0.85, 0.8), as
// in operator data (Candia et al., J. Phys. A 41:224015, 2008).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "common/time.h"
#include "simulate/rng.h"

namespace linchpin::simulate {

class ActivityClock {
 public:
  ActivityClock() {
    static constexpr double kHourly[24] = {0.31, 0.21, 0.15, 0.10, 0.07, 0.05, 0.19, 0.54, 0.75, 1.08, 1.18, 1.49,
                                           2.07, 1.43, 1.40, 1.60, 1.85, 2.18, 1.53, 1.37, 1.45, 1.22, 1.09, 0.70};
    static constexpr double kWeekly[7] = {1.05, 1.07, 1.07, 1.07, 1.09, 0.85, 0.80};  // Monday first
    double hourly_sum = 0, weekly_sum = 0;
    for (double h : kHourly) hourly_sum += h;
    for (double d : kWeekly) weekly_sum += d;
    double cumulative = 0;
    for (int h = 0; h < 168; ++h) {
      // Each hour's share of an average day, so a whole week adds up to 7 units.
      weight_[h] = kHourly[h % 24] / hourly_sum * kWeekly[h / 24] / weekly_sum * 7.0;
      cumulative_[h] = cumulative;
      cumulative += weight_[h];
    }
    cumulative_[168] = cumulative;
    for (int h = 0; h < 24; ++h) day_cumulative_[h + 1] = day_cumulative_[h] + kHourly[h] / hourly_sum;
  }

  // Activity units elapsed from the epoch to t (ms UTC) for someone at UTC+offset_h.
  double ToActivity(TimeMs t, int offset_h) const {
    const TimeMs local = t + offset_h * kHourMs + kEpochToMonday;
    const TimeMs week = FloorDiv(local, kWeekMs);
    const TimeMs in_week = local - week * kWeekMs;
    const int hour = static_cast<int>(in_week / kHourMs);
    const double frac = static_cast<double>(in_week - hour * kHourMs) / kHourMs;
    return static_cast<double>(week) * 7.0 + cumulative_[hour] + frac * weight_[hour];
  }
  TimeMs FromActivity(double units, int offset_h) const {
    const double weeks = std::floor(units / 7.0);
    const double rem = units - weeks * 7.0;
    const int hour = static_cast<int>(std::upper_bound(cumulative_.begin(), cumulative_.end(), rem) - cumulative_.begin()) - 1;
    const int h = std::clamp(hour, 0, 167);
    const double frac = std::clamp((rem - cumulative_[h]) / weight_[h], 0.0, 1.0);
    const TimeMs local = static_cast<TimeMs>(weeks) * kWeekMs + h * kHourMs + static_cast<TimeMs>(frac * kHourMs);
    return local - kEpochToMonday - offset_h * kHourMs;
  }
  // The time `units` of activity after t.
  TimeMs Advance(TimeMs t, double units, int offset_h) const {
    return FromActivity(ToActivity(t, offset_h) + units, offset_h);
  }
  // A moment of the UTC day starting at day_start, drawn by the local hourly profile.
  TimeMs DrawInDay(Rng& rng, TimeMs day_start, int offset_h) const {
    const double x = rng.Uniform();
    const int h = static_cast<int>(std::upper_bound(day_cumulative_.begin(), day_cumulative_.end(), x) - day_cumulative_.begin()) - 1;
    const int local_hour = std::clamp(h, 0, 23);
    const int utc_hour = ((local_hour - offset_h) % 24 + 24) % 24;
    return day_start + utc_hour * kHourMs + static_cast<TimeMs>(rng.Uniform() * kHourMs);
  }

 private:
  static constexpr TimeMs kWeekMs = 7 * kDayMs;
  static constexpr TimeMs kEpochToMonday = 3 * kDayMs;  // 1970-01-01 was a Thursday
  static TimeMs FloorDiv(TimeMs a, TimeMs b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
  std::array<double, 168> weight_{};
  std::array<double, 169> cumulative_{};
  std::array<double, 25> day_cumulative_{};
};

}  // namespace linchpin::simulate
