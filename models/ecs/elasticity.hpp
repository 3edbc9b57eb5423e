#pragma once
/// SPEC Research Group elasticity metrics of one service, accumulated period by period.

#include <algorithm>

namespace fleetsim {

/// Running sums for the elasticity metrics (Herbst et al., "Ready for Rain?"): constant memory, so a
/// month-long run needs no more than a day-long one (a vector of every period's sample grew by
/// 16 bytes a minute: 1 MiB of capacity over 30 days). Sums are taken in period order, as before.
class ElasticityTally {
 public:
  /// Adds one metric period: `demand` tasks needed, `supply` mean tasks running.
  void add(double demand, double supply) {
    double scale = std::max(demand, 1.0);
    under_accuracy_ += std::max(demand - supply, 0.0) / scale;
    over_accuracy_ += std::max(supply - demand, 0.0) / scale;
    under_time_ += supply < demand;
    over_time_ += supply > demand;
    if (periods_ > 0) unstable_ += sign(supply - last_supply_) != sign(demand - last_demand_);
    last_demand_ = demand;
    last_supply_ = supply;
    ++periods_;
  }
  /// Periods added.
  long periods() const { return periods_; }
  /// Mean relative shortfall of supply against demand.
  double under_accuracy() const { return under_accuracy_ / n(); }
  /// Mean relative excess of supply over demand.
  double over_accuracy() const { return over_accuracy_ / n(); }
  /// Fraction of periods under-provisioned.
  double under_timeshare() const { return under_time_ / n(); }
  /// Fraction of periods over-provisioned.
  double over_timeshare() const { return over_time_ / n(); }
  /// Fraction of period changes where supply and demand move in different directions.
  double instability() const { return periods_ > 1 ? unstable_ / (n() - 1) : 0.0; }

 private:
  static int sign(double x) { return (x > 0) - (x < 0); }
  double n() const { return static_cast<double>(periods_); }

  double under_accuracy_ = 0, over_accuracy_ = 0, under_time_ = 0, over_time_ = 0, unstable_ = 0;
  double last_demand_ = 0, last_supply_ = 0;
  long periods_ = 0;
};

}  // namespace fleetsim
