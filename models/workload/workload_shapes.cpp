#include "models/workload/workload_shapes.hpp"

#include "models/registry.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

void declare_workload_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  const Shape* rate_value = s.number(0, 1e9);
  const Shape* fraction = s.number(0, 1);
  auto pattern = [&](const char* name, const char* doc) -> Shape& {
    Shape& v = s.object(std::string("a ") + name + " rate", doc);
    v.required("pattern", s.one_of_strings(std::string("\"") + name + "\"", {name}), "the pattern");
    return v;
  };
  Shape& step = s.object("a rate step", "The rate from a time on.");
  step.required("at", s.duration(), "from when").required("rate", rate_value, "requests per second");
  Shape& tagged = s.make(ShapeKind::kTagged, "a rate pattern", "A time-varying rate in requests per second.");
  tagged.discriminator = "pattern";
  tagged.alternatives = {
      &pattern("diurnal", "mean x (1 + amplitude x cos(2 pi (t - peak) / 24 h)); the simulation starts at midnight.")
           .required("mean", rate_value, "mean rate")
           .field("amplitude", fraction, "relative swing, 0-1 (default 0.5)")
           .field("peak", s.string(), "time of day of the peak, \"HH:MM\" (default 14:00)"),
      &pattern("steps", "Piecewise constant; 0 before the first step.")
           .required("steps", s.array_of(&step, 1000000), "the steps"),
      &pattern("ramp", "Linear from `from` to `to` over `duration`, starting at `start`.")
           .required("from", rate_value, "rate before the ramp")
           .required("to", rate_value, "rate after the ramp")
           .field("start", s.duration(), "when the ramp starts (default 0)")
           .required("duration", s.duration(), "how long it takes"),
      &pattern("spike", "`base`, with `peak` from `at` for `duration`.")
           .required("base", rate_value, "rate outside the spike")
           .required("peak", rate_value, "rate during the spike")
           .required("at", s.duration(), "when the spike starts")
           .required("duration", s.duration(), "how long it lasts"),
      &pattern("trace", "Rates read from a CSV file (path relative to the scenario), one row per interval.")
           .required("file", s.string(), "CSV file with a header row")
           .field("column", s.string(), "column to read (default requests)")
           .field("interval", s.duration(), "time per row (default 60s)")
           .field("scale", s.number(0, 1e6), "multiplier (default 1)"),
  };
  Shape& rate = s.make(ShapeKind::kOneOf, "a rate: a number or a pattern", "Requests per second.");
  rate.alternatives = {rate_value, &tagged};
  Shape& arrivals = s.object("an arrival process", "How requests arrive.");
  arrivals
      .field("process", s.one_of_strings("an arrival process", {"poisson", "deterministic"}),
             "poisson (default) or deterministic")
      .required("rate", &rate, "requests per second");
  Shape& target = s.object("a workload target", "Where requests go.");
  target.field("loadBalancer", s.string(), "load balancer name or ARN")
      .field("ingress", s.string(), "EKS: NAMESPACE/NAME of an Ingress of class alb (its ALB)")
      .field("service", s.string(),
             "EKS: NAMESPACE/NAME of a Service: in-cluster requests to its ClusterIP, through kube-proxy")
      .field("cluster", s.string(), "EKS: the cluster of the ingress or service")
      .field("port", s.integer(1, 65535), "listener port (default 80)")
      .field("queue", s.string(),
             "SQS queue name or ARN: each arrival sends one message, processed by the queue's workers");
  Shape& weighted_path = s.object("a weighted path", "One URL path of the workload's requests, with its share.");
  weighted_path.required("path", s.string(), "URL path, starting with /")
      .field("weight", s.number(0, 1e9), "relative share of the requests (default 1)")
      .field("cpuMs", distribution_shape(s), "CPU milliseconds at one vCPU of these requests (default the workload's)");
  Shape& request = s.object("a request", "What each request needs.");
  request.field("cpuMs", distribution_shape(s), "CPU milliseconds at one vCPU")
      .field("ioMiB", distribution_shape(s),
             "MiB read or written on the serving task's EFS volume before the CPU work, at the file system's "
             "shared throughput")
      .field("timeout", s.duration(), "client timeout: 504 past it (default 60s, the ALB idle timeout)")
      .field("host", s.string(), "Host header, for listener rules' host-header conditions (default none)")
      .field("path", s.string(), "URL path, for listener rules' path-pattern conditions (default /)")
      .field("paths", s.array_of(&weighted_path, 1000),
             "URL paths drawn by weight for each request (in place of path; stream workload/NAME/paths)");
  Shape& workload = s.object("a workload", "A source of traffic.");
  workload.required("name", s.string(), "name")
      .required("target", &target, "destination")
      .required("arrivals", &arrivals, "arrival process")
      .field("request", &request, "per-request demand");
  r.add_section("workloads", s.array_of(&workload, 10000), "the traffic");

  Shape& set_rate = s.object("a setRate action", "From this time on, the workload's rate is constant.");
  set_rate.required("workload", s.string(), "workload name").required("rate", rate_value, "requests per second");
  r.add_timeline_action("setRate", set_rate);
}

}  // namespace fleetsim
