// The request-level model of the spec, on hand-worked schedules: processor sharing with min(1, c/n)
// per request, the maxConcurrency FIFO, drops, and the busy-vCPU signal behind CPUUtilization.

#include <catch2/catch.hpp>
#include <map>

#include "models/serving/task_server.hpp"

using namespace fleetsim;

namespace {

struct Recorder : ServingObserver, BusyListener {
  Engine* engine = nullptr;
  std::map<std::uint32_t, std::int64_t> served_at_us;
  std::vector<std::uint32_t> dropped;
  double busy = 0;
  void on_served(std::uint32_t token) override { served_at_us[token] = engine->now().us(); }
  void on_dropped(std::uint32_t token) override { dropped.push_back(token); }
  void on_busy_change(SimTime, double delta) override { busy += delta; }
};

// An engine, a recorder and one task server of `vcpus` and `max_concurrency` wired together, as every case needs.
struct Bench {
  Bench(double vcpus, std::uint32_t max_concurrency) : server(engine, vcpus, max_concurrency, &rec) {
    rec.engine = &engine;
  }
  /// Admits request `token` needing `cpu_ms`, reporting to the recorder.
  void admit(std::uint32_t token, double cpu_ms) { server.admit(token, cpu_ms, &rec); }
  /// Runs the engine to `us` microseconds.
  void run_until_us(std::int64_t us) { engine.run_until(SimTime::from_micros(us)); }
  Engine engine;
  Recorder rec;
  TaskServer server;
};

struct Admit {
  TaskServer* server;
  Recorder* rec;
  std::uint32_t token;
  double cpu_ms;
};

void admit_later(void* ctx, std::uint64_t) {
  auto* a = static_cast<Admit*>(ctx);
  a->server->admit(a->token, a->cpu_ms, a->rec);
}

}  // namespace

TEST_CASE("one request alone runs at one vCPU", "[task_server]") {
  Bench b(1.0, 0);
  b.admit(1, 10.0);
  CHECK(b.rec.busy == 1.0);
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(1) == 10000);
  CHECK(b.rec.busy == 0.0);
}

TEST_CASE("two requests share one vCPU and finish together", "[task_server]") {
  Bench b(1.0, 0);
  b.admit(1, 10.0);
  b.admit(2, 10.0);
  CHECK(b.rec.busy == 1.0);  // min(n, c): two requests cannot use more than the one vCPU
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(1) == 20000);
  CHECK(b.rec.served_at_us.at(2) == 20000);
}

TEST_CASE("a request never uses more than one vCPU", "[task_server]") {
  Bench b(2.0, 0);
  b.admit(1, 10.0);
  CHECK(b.rec.busy == 1.0);
  b.admit(2, 10.0);
  CHECK(b.rec.busy == 2.0);
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(1) == 10000);
  CHECK(b.rec.served_at_us.at(2) == 10000);
}

TEST_CASE("a late arrival slows the request in progress", "[task_server]") {
  // A needs 10 ms from t=0, B 10 ms from t=5 ms, one vCPU. At 5 ms A has 5 ms left; both then run at
  // half speed, so A ends at 15 ms, when B has received 5 ms; B runs alone to 20 ms.
  Bench b(1.0, 0);
  b.admit(1, 10.0);
  Admit late{&b.server, &b.rec, 2, 10.0};
  b.engine.schedule_at(SimTime::from_micros(5000), &admit_later, &late, 0);
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(1) == 15000);
  CHECK(b.rec.served_at_us.at(2) == 20000);
}

TEST_CASE("maxConcurrency queues the rest in FIFO order", "[task_server]") {
  Bench b(1.0, 1);
  b.admit(1, 10.0);
  b.admit(2, 5.0);
  b.admit(3, 1.0);
  CHECK(b.server.outstanding() == 3);
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(1) == 10000);
  CHECK(b.rec.served_at_us.at(2) == 15000);
  CHECK(b.rec.served_at_us.at(3) == 16000);
  CHECK(b.server.outstanding() == 0);
}

TEST_CASE("more vCPUs than requests: each runs at full speed", "[task_server]") {
  Bench b(4.0, 0);
  for (std::uint32_t i = 0; i < 3; ++i) b.admit(i, 10.0 * (i + 1));
  CHECK(b.rec.busy == 3.0);
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(0) == 10000);
  CHECK(b.rec.served_at_us.at(1) == 20000);
  CHECK(b.rec.served_at_us.at(2) == 30000);
}

TEST_CASE("set_vcpus changes the pace of requests in progress; the CPU counter follows", "[task_server]") {
  // Two 10 ms requests on 1 vCPU; at 4 ms (each has 2 ms done) the task gets 2 vCPUs: 8 ms left at full speed.
  // The counter integrates the busy vCPUs: 1 for 4 ms, then 2 for 8 ms, the 20 ms of work done.
  Bench b(1.0, 0);
  b.admit(1, 10.0);
  b.admit(2, 10.0);
  struct Grow {
    TaskServer* s;
    static void run(void* ctx, std::uint64_t) { static_cast<Grow*>(ctx)->s->set_vcpus(2.0); }
  } grow{&b.server};
  b.engine.schedule_at(SimTime::from_micros(4000), &Grow::run, &grow, 0);
  b.run_until_us(3000);
  CHECK(b.server.cpu_used_us(b.engine.now()) == 3000.0);
  b.run_until_us(6000);
  CHECK(b.server.cpu_used_us(b.engine.now()) == 4000.0 + 2 * 2000.0);
  b.run_until_us(1000000);
  CHECK(b.rec.served_at_us.at(1) == 12000);
  CHECK(b.rec.served_at_us.at(2) == 12000);
  CHECK(b.rec.busy == 0.0);
  CHECK(b.server.cpu_used_us(b.engine.now()) == 20000.0);  // idle since 12 ms: nothing more
}

TEST_CASE("drop_all reports every request once and frees the CPU", "[task_server]") {
  Bench b(1.0, 2);
  for (std::uint32_t i = 0; i < 5; ++i) b.admit(i, 100.0);
  b.run_until_us(10000);
  b.server.drop_all();
  CHECK(b.rec.dropped.size() == 5);
  CHECK(b.server.outstanding() == 0);
  CHECK(b.rec.busy == 0.0);
  b.run_until_us(10000000);
  CHECK(b.rec.served_at_us.empty());
}

TEST_CASE("work is conserved under random arrivals", "[task_server]") {
  // With c = 1 the server is never idle while work is queued: the last completion comes exactly
  // when the total work, started at time 0, is done.
  Bench b(1.0, 0);
  double total_ms = 0;
  for (std::uint32_t i = 0; i < 200; ++i) {
    double ms = 1.0 + (i * 37 % 23);
    total_ms += ms;
    b.admit(i, ms);
  }
  b.run_until_us(100000000);
  std::int64_t last = 0;
  for (const auto& [token, at] : b.rec.served_at_us) last = std::max(last, at);
  CHECK(b.rec.served_at_us.size() == 200);
  // Each completion's delay is rounded up to a microsecond; allow one per request.
  CHECK(last >= static_cast<std::int64_t>(total_ms * 1000));
  CHECK(last <= static_cast<std::int64_t>(total_ms * 1000) + 200);
}
