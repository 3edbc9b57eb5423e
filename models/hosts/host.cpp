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

ImagePull Host::pull(const ImageInfo& image, SimTime now) {
  ImagePull pull;
  for (const ImageLayer& l : image.layers) {
    if (!layers_ready.count(l.digest)) pull.downloaded_mib += l.size_mib;
  }
  SimTime ready = now + Duration::from_seconds(pull.downloaded_mib / std::max(registration.pull_mibps, 1e-9));
  SimTime done = ready;
  for (const ImageLayer& l : image.layers) {
    auto [it, fresh] = layers_ready.emplace(l.digest, ready);
    if (!fresh) done = std::max(done, it->second);
  }
  pull.time = done - now;
  return pull;
}

}  // namespace fleetsim
