#include "models/ecs/container_instance.hpp"

namespace fleetsim {

int EphemeralPorts::take() {
  if (used_ == static_cast<int>(taken_.size())) return 0;
  while (taken_[cursor_]) cursor_ = (cursor_ + 1) % taken_.size();
  taken_[cursor_] = true;
  ++used_;
  int port = first_ + static_cast<int>(cursor_);
  cursor_ = (cursor_ + 1) % taken_.size();
  return port;
}

void EphemeralPorts::give_back(int port) {
  std::size_t i = static_cast<std::size_t>(port - first_);
  if (i < taken_.size() && taken_[i]) {
    taken_[i] = false;
    --used_;
  }
}

}  // namespace fleetsim
