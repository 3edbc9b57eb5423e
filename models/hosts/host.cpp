#include "models/hosts/host.hpp"

#include <algorithm>
#include <functional>

namespace fleetsim {

int EphemeralPorts::take() {
  if (!freed_.empty()) {
    std::pop_heap(freed_.begin(), freed_.end(), std::greater<>());
    int port = freed_.back();
    freed_.pop_back();
    return port;
  }
  return next_ <= last_ ? next_++ : 0;
}

void EphemeralPorts::give_back(int port) {
  if (port <= 0 || port >= next_) return;
  freed_.push_back(port);
  std::push_heap(freed_.begin(), freed_.end(), std::greater<>());
}

}  // namespace fleetsim
