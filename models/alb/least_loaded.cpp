#include "models/alb/least_loaded.hpp"

namespace fleetsim {

void LeastLoaded::link(std::uint32_t m) {
  Node& n = nodes_[m];
  if (n.load >= buckets_.size()) buckets_.resize(n.load + 1);
  Bucket& b = buckets_[n.load];
  n.prev = b.tail;
  n.next = kNone;
  if (b.tail != kNone) {
    nodes_[b.tail].next = m;
  } else {
    b.head = m;
  }
  b.tail = m;
  if (n.load < lowest_) lowest_ = n.load;
}

void LeastLoaded::unlink(std::uint32_t m) {
  Node& n = nodes_[m];
  Bucket& b = buckets_[n.load];
  if (n.prev != kNone) {
    nodes_[n.prev].next = n.next;
  } else {
    b.head = n.next;
  }
  if (n.next != kNone) {
    nodes_[n.next].prev = n.prev;
  } else {
    b.tail = n.prev;
  }
}

void LeastLoaded::add(std::uint32_t member, std::uint32_t load) {
  if (member >= nodes_.size()) nodes_.resize(member + 1);
  nodes_[member].load = load;
  nodes_[member].present = true;
  ++size_;
  link(member);
}

void LeastLoaded::remove(std::uint32_t member) {
  if (!contains(member)) return;
  unlink(member);
  nodes_[member].present = false;
  --size_;
}

void LeastLoaded::change(std::uint32_t member, int delta) {
  unlink(member);
  nodes_[member].load = static_cast<std::uint32_t>(static_cast<int>(nodes_[member].load) + delta);
  link(member);
}

std::uint32_t LeastLoaded::least() {
  while (buckets_[lowest_].head == kNone) ++lowest_;
  return buckets_[lowest_].head;
}

}  // namespace fleetsim
