#pragma once
/// The request path between models: workload -> load balancer -> target (a task) -> back.

#include <cstdint>
#include <string_view>

#include "sim/time.hpp"

namespace fleetsim {

/// One request as a workload offers it.
struct RequestSpec {
  double cpu_ms;      ///< CPU time the request needs at one vCPU
  Duration timeout;   ///< the client gives up (504) after this
  double io_mib = 0;  ///< MiB the request moves through the task's file system before its CPU work
  /// The Host header a listener's host-header rules see ("": none); the workload owns the text.
  std::string_view host = {};
  /// The URL's path a listener's path-pattern rules see ("": "/"); the workload owns the text.
  std::string_view path = {};
};

/// Accepts requests from workloads: a load balancer listener.
class RequestSink {
 public:
  virtual ~RequestSink() = default;
  /// A request arrives now.
  virtual void on_request(const RequestSpec& request) = 0;
};

/// Learns what became of requests it handed to a target.
class ServingObserver {
 public:
  virtual ~ServingObserver() = default;
  /// The target finished the request `token` now.
  virtual void on_served(std::uint32_t token) = 0;
  /// The target stopped with the request `token` unfinished (the client sees 502).
  virtual void on_dropped(std::uint32_t token) = 0;
};

/// How an application answers a health check once the check reaches it.
enum class ProbeAnswer {
  kRefused,  ///< nothing listens yet (the app is still starting): the check fails at once
  kHealthy,  ///< the app answers with a success code
  kFailing,  ///< the app answers with an error code (x-fleetsim failHealthChecks)
};

/// A task's serving side as a load balancer sees it.
class ServingTarget {
 public:
  virtual ~ServingTarget() = default;
  /// How the app would answer a health check now.
  virtual ProbeAnswer probe_answer() const = 0;
  /// Starts (or queues) request `token` needing `cpu_ms`; the outcome goes to `observer`.
  virtual void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) = 0;
  /// As serve, for a request that first moves `io_mib` through the target's file system; a target without one
  /// serves only the CPU.
  virtual void serve_with_io(std::uint32_t token, double cpu_ms, double /*io_mib*/, ServingObserver* observer) {
    serve(token, cpu_ms, observer);
  }
  /// Requests accepted and not yet finished.
  virtual std::uint32_t outstanding() const = 0;
};

}  // namespace fleetsim
