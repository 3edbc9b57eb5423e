#include "models/serving/file_io_phase.hpp"

namespace fleetsim {

void FileIoPhase::serve(std::uint32_t token, double cpu_ms, double io_mib, ServingObserver* observer) {
  std::uint32_t id;
  if (free_.empty()) {
    id = static_cast<std::uint32_t>(requests_.size());
    requests_.push_back(Request{token, cpu_ms, observer});
  } else {
    id = free_.back();
    free_.pop_back();
    requests_[id] = Request{token, cpu_ms, observer};
  }
  ++in_io_;
  storage_.transfer(io_mib, id, this);
}

void FileIoPhase::on_io_done(std::uint32_t id) {
  Request r = requests_[id];
  requests_[id].observer = nullptr;
  free_.push_back(id);
  --in_io_;
  server_.admit(r.token, r.cpu_ms, r.observer);
}

void FileIoPhase::drop_all() {
  storage_.forget(this);
  std::vector<Request> live;
  for (const Request& r : requests_) {
    if (r.observer != nullptr) live.push_back(r);
  }
  requests_.clear();
  free_.clear();
  in_io_ = 0;
  for (const Request& r : live) r.observer->on_dropped(r.token);
}

}  // namespace fleetsim
