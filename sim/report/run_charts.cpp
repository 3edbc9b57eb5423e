#include "sim/report/run_charts.hpp"

#include <cmath>
#include <set>

namespace fleetsim {

namespace {

const std::string kAlb = "AWS/ApplicationELB";
const std::string kInsights = "ECS/ContainerInsights";

// Builds the sections and remembers which series they used, so the rest can go under "Other".
class SectionBuilder {
 public:
  SectionBuilder(const MetricTable& metrics, double duration_s) : metrics_(metrics), duration_s_(duration_s) {}

  // The series scaled by `scale`; `dense` fills the periods without a datapoint with 0 (ALB counts
  // are written only for periods with requests, as CloudWatch does).
  ChartSeries series(std::string name, const SeriesKey& key, double scale = 1, bool dense = false) {
    skip(key);
    ChartSeries out{std::move(name), {}};
    const std::vector<Point>& points = metrics_.find(key);
    if (!dense) {
      for (const Point& p : points) out.points.push_back({p.t, p.v * scale});
      return out;
    }
    std::size_t i = 0;
    const double period = metrics_.period_s;
    for (double t = period; t <= duration_s_ + period / 2; t += period) {
      while (i < points.size() && points[i].t < t) ++i;
      bool here = i < points.size() && points[i].t == t;
      out.points.push_back({t, here ? points[i].v * scale : 0.0});
    }
    return out;
  }

  // Adds `chart` when any of its series has a point.
  void add(std::vector<Chart>& charts, Chart chart) {
    for (const ChartSeries& s : chart.series) {
      if (!s.points.empty()) {
        std::erase_if(chart.series, [](const ChartSeries& c) { return c.points.empty(); });
        charts.push_back(std::move(chart));
        return;
      }
    }
  }

  // Leaves the series out of "Other metrics" without drawing it (it repeats what a chart shows).
  void skip(const SeriesKey& key) { used_.insert({key.name_space, key.metric, key.dimensions}); }

  bool used(const SeriesKey& key) const { return used_.count({key.name_space, key.metric, key.dimensions}) > 0; }

  double period() const { return metrics_.period_s; }

 private:
  const MetricTable& metrics_;
  double duration_s_;
  std::set<std::tuple<std::string, std::string, std::string>> used_;
};

ChartSection target_group_section(SectionBuilder& b, const std::string& dims) {
  ChartSection section{"Target group " + dimension_value(dims, "TargetGroup") + " (load balancer " +
                           dimension_value(dims, "LoadBalancer") + ")",
                       {}};
  b.add(section.charts, {"Offered load",
                         "requests/s",
                         {b.series("requests/s", {kAlb, "RequestCount", dims, "Sum"}, 1 / b.period(), true)}});
  // Logarithmic: a start-up or scale-out spike of seconds would flatten the milliseconds otherwise.
  Chart latency{"Latency percentiles (metric periods)", "ms, log scale", {}, false, false, true};
  for (const char* p : {"p50", "p90", "p99"})
    latency.series.push_back(b.series(p, {kAlb, "TargetResponseTime", dims, p}, 1000));
  b.add(section.charts, std::move(latency));
  Chart errors{"5xx by code", "responses per period", {}};
  for (const char* code : {"502", "503", "504"}) {
    errors.series.push_back(b.series(std::string("ELB ") + code,
                                     {kAlb, std::string("HTTPCode_ELB_") + code + "_Count", dims, "Sum"}, 1, true));
  }
  errors.series.push_back(b.series("target 5xx", {kAlb, "HTTPCode_Target_5XX_Count", dims, "Sum"}, 1, true));
  b.skip({kAlb, "HTTPCode_ELB_5XX_Count", dims, "Sum"});  // the sum of the codes above
  errors.step = true;
  b.add(section.charts, std::move(errors));
  b.add(section.charts, {"Targets",
                         "targets",
                         {b.series("healthy", {kAlb, "HealthyHostCount", dims, "Average"}),
                          b.series("unhealthy", {kAlb, "UnHealthyHostCount", dims, "Average"})}});
  b.skip({kAlb, "RequestCountPerTarget", dims, "Sum"});  // offered load over healthy targets
  return section;
}

ChartSection service_section(SectionBuilder& b, const std::string& dims) {
  ChartSection section{
      "Service " + dimension_value(dims, "ServiceName") + " (cluster " + dimension_value(dims, "ClusterName") + ")",
      {}};
  b.add(section.charts, {"Tasks",
                         "tasks",
                         {b.series("desired", {kInsights, "DesiredTaskCount", dims, "Average"}),
                          b.series("running", {kInsights, "RunningTaskCount", dims, "Average"}),
                          b.series("pending", {kInsights, "PendingTaskCount", dims, "Average"})}});
  b.add(section.charts, {"Utilization",
                         "%",
                         {b.series("CPU", {"AWS/ECS", "CPUUtilization", dims, "Average"}),
                          b.series("memory", {"AWS/ECS", "MemoryUtilization", dims, "Average"})}});
  return section;
}

// Each dimension set of one metric as a line named by dimension `name`.
Chart per_dimension(SectionBuilder& b, const MetricTable& m, std::string title, std::string unit, const std::string& ns,
                    const std::string& metric, const std::string& name, const std::string& statistic) {
  Chart chart{std::move(title), std::move(unit), {}};
  for (const std::string& dims : m.dimensions_of(ns, metric))
    chart.series.push_back(b.series(dimension_value(dims, name), {ns, metric, dims, statistic}));
  return chart;
}

// Two metrics of each dimension set of `ns` as lines "<name> <first label>", "<name> <second label>".
Chart paired_per_dimension(SectionBuilder& b, const MetricTable& m, std::string title, std::string unit,
                           const std::string& ns, const std::string& name,
                           std::initializer_list<std::pair<const char*, const char*>> metrics) {
  Chart chart{std::move(title), std::move(unit), {}};
  for (const std::string& dims : m.dimensions_of(ns, metrics.begin()->first)) {
    for (const auto& [metric, label] : metrics)
      chart.series.push_back(b.series(dimension_value(dims, name) + " " + label, {ns, metric, dims, "Average"}));
  }
  return chart;
}

ChartSection capacity_section(SectionBuilder& b, const MetricTable& m, const EventDigest& events) {
  ChartSection section{"Capacity", {}};
  Chart instances{"Running instances by type and purchase option", "instances", {}, true, true};
  for (const auto& [name, points] : events.instances) instances.series.push_back({name, points});
  b.add(section.charts, std::move(instances));
  b.add(section.charts,
        paired_per_dimension(b, m, "Auto Scaling groups", "instances", "AWS/AutoScaling", "AutoScalingGroupName",
                             {{"GroupInServiceInstances", "in service"}, {"GroupDesiredCapacity", "desired"}}));
  b.add(section.charts, per_dimension(b, m, "CapacityProviderReservation", "%", "AWS/ECS/ManagedScaling",
                                      "CapacityProviderReservation", "CapacityProviderName", "Average"));
  return section;
}

ChartSection queue_section(SectionBuilder& b, const MetricTable& m) {
  ChartSection section{"Queues", {}};
  b.add(section.charts, paired_per_dimension(b, m, "Messages", "messages", "AWS/SQS", "QueueName",
                                             {{"ApproximateNumberOfMessagesVisible", "visible"},
                                              {"ApproximateNumberOfMessagesNotVisible", "in flight"}}));
  b.add(section.charts, per_dimension(b, m, "Age of the oldest message", "s", "AWS/SQS",
                                      "ApproximateAgeOfOldestMessage", "QueueName", "Maximum"));
  return section;
}

ChartSection cost_section(SectionBuilder& b, const MetricTable& m) {
  ChartSection section{"Cost", {}};
  Chart cost{"Cost so far by kind", "USD", {}, false, true};
  for (const std::string& dims : m.dimensions_of("fleetsim", "CostUSD")) {
    ChartSeries s = b.series(dimension_value(dims, "PurchaseOption"), {"fleetsim", "CostUSD", dims, "Sum"});
    double total = 0;
    for (Point& p : s.points) p.v = total += p.v;
    cost.series.push_back(std::move(s));
  }
  b.add(section.charts, std::move(cost));
  return section;
}

ChartSection alarm_section(SectionBuilder& b, const EventDigest& events) {
  ChartSection section{"Alarms", {}};
  Chart alarms{"Alarms in ALARM state (1 each)", "alarms", {}, true, true};
  for (const auto& [name, points] : events.alarms) alarms.series.push_back({name, points});
  b.add(section.charts, std::move(alarms));
  return section;
}

// Every series no section showed, one chart per metric and dimension set (a new model's metrics
// appear here before the report learns about them).
ChartSection other_section(SectionBuilder& b, const MetricTable& m) {
  ChartSection section{"Other metrics", {}};
  const SeriesKey* current = nullptr;
  Chart chart;
  for (const auto& [key, points] : m.series) {
    if (b.used(key)) continue;
    if (current == nullptr || current->name_space != key.name_space || current->metric != key.metric ||
        current->dimensions != key.dimensions) {
      if (current != nullptr) b.add(section.charts, std::move(chart));
      chart = Chart{key.name_space + " " + key.metric + " " + key.dimensions, "", {}};
      current = &key;
    }
    chart.series.push_back({key.statistic, points});
  }
  if (current != nullptr) b.add(section.charts, std::move(chart));
  return section;
}

}  // namespace

std::vector<ChartSection> run_chart_sections(const MetricTable& metrics, const EventDigest& events, double duration_s) {
  SectionBuilder b(metrics, duration_s);
  std::vector<ChartSection> sections;
  for (const std::string& dims : metrics.dimensions_of(kAlb, "RequestCount"))
    sections.push_back(target_group_section(b, dims));
  for (const std::string& dims : metrics.dimensions_of(kInsights, "DesiredTaskCount"))
    sections.push_back(service_section(b, dims));
  sections.push_back(capacity_section(b, metrics, events));
  sections.push_back(queue_section(b, metrics));
  sections.push_back(cost_section(b, metrics));
  sections.push_back(alarm_section(b, events));
  sections.push_back(other_section(b, metrics));
  std::erase_if(sections, [](const ChartSection& s) { return s.charts.empty(); });
  return sections;
}

}  // namespace fleetsim
