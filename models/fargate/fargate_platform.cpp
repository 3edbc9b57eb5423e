#include "models/fargate/fargate_platform.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim {

FargatePlatform::FargatePlatform(const FargateCatalog& catalog, FargatePrice price, bool spot,
                                 const ImageSource& images, CostLedger& ledger)
    : catalog_(catalog),
      price_(price),
      option_(spot ? PurchaseOption::kFargateSpot : PurchaseOption::kFargate),
      images_(images),
      ledger_(ledger) {}

void FargatePlatform::request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  Placement p;
  p.availability_zone = needs.availability_zone;
  // Fargate bills memory per GB; task memory is given in MiB and 1 GB here is 1024 MiB, as AWS's
  // size table counts it. Tickets of released tasks are reused, so memory follows the tasks alive.
  // ARM64 tasks are billed at the Graviton rates (aws-facts §5.2).
  const double vcpu_hour = needs.arm64 ? price_.arm_vcpu_hour : price_.vcpu_hour;
  const double gb_hour = needs.arm64 ? price_.arm_gb_hour : price_.gb_hour;
  Billing fresh{
      needs.vcpu, needs.memory_gib,       needs.vcpu * vcpu_hour + needs.memory_gib * gb_hour, SimTime::zero(), false,
      &client,    needs.availability_zone};
  p.ticket = tickets_.acquire(fresh).index();
  p.vcpu = needs.vcpu;
  p.provisioning = Duration::from_seconds(std::max(0.0, catalog_.provisioning_s.sample(rng)));
  // Fargate keeps no image cache: every task pulls the whole image (aws-facts §5.3 "Image caching").
  if (std::optional<ImageInfo> image = images_.find(needs.image)) {
    p.pull = Duration::from_seconds(image->size_mib / catalog_.pull_bandwidth_mibps);
  } else {
    p.pull_fails = true;
    p.failure = "CannotPullContainerError: pull image manifest has been retried: " + needs.image + ": not found";
  }
  client.on_placed(p);
}

Duration FargatePlatform::deprovisioning(Rng& rng) {
  return Duration::from_seconds(std::max(0.0, catalog_.deprovisioning_s.sample(rng)));
}

void FargatePlatform::pull_started(std::uint32_t ticket, SimTime now) {
  // Billing starts when the image pull begins (aws-facts §5.2 "Billing granularity").
  Billing& b = tickets_[ticket];
  b.start = now;
  b.billing = true;
  ++usage_.tasks;
  ledger_.add_rate(option_, now, b.per_hour);
}

void FargatePlatform::interrupt_spot(int count) {
  std::vector<std::uint32_t> victims;
  for (std::uint32_t t = tickets_.size(); t-- > 0 && static_cast<int>(victims.size()) < count;) {
    if (tickets_.in_use(t) && tickets_[t].billing) victims.push_back(t);
  }
  for (std::uint32_t t : victims) tickets_[t].client->on_host_lost("Your Spot Task was interrupted.", true);
}

void FargatePlatform::zone_lost(const std::string& zone) {
  // Collected first: a stopping task's replacement may take a freed ticket while the loop runs.
  std::vector<std::pair<std::uint32_t, PlacementClient*>> victims;
  for (std::uint32_t t = 0; t < tickets_.size(); ++t) {
    if (tickets_.in_use(t) && tickets_[t].zone == zone) victims.emplace_back(t, tickets_[t].client);
  }
  for (auto [t, client] : victims) {
    if (tickets_.in_use(t) && tickets_[t].client == client)
      client->on_host_lost("Availability Zone " + zone + " outage: task stopped", false);
  }
}

void FargatePlatform::released(std::uint32_t ticket, SimTime now) {
  settle(tickets_[ticket], now);
  tickets_.release(ticket);
}

void FargatePlatform::settle(Billing& b, SimTime now) {
  if (!b.billing) return;
  b.billing = false;
  const double per_hour = b.per_hour;
  ledger_.add_rate(option_, now, -per_hour);
  double used_s = (now - b.start).seconds_f();
  // Per second, rounded up, with a one-minute minimum (aws-facts §5.2 "Billing granularity").
  double billed_s = std::max(60.0, std::ceil(used_s));
  usage_.vcpu_hours += b.vcpu * billed_s / 3600;
  usage_.gb_hours += b.gb * billed_s / 3600;
  ledger_.settle(option_, per_hour * billed_s / 3600, per_hour * used_s / 3600);
}

void FargatePlatform::open_window(SimTime at) {
  // As the cost ledger does for the dollars: the settled usage, and what running tasks accrued so far.
  before_window_ = usage_;
  for (std::uint32_t t = 0; t < tickets_.size(); ++t) {
    if (!tickets_.in_use(t) || !tickets_[t].billing) continue;
    const double used_h = (at - tickets_[t].start).seconds_f() / 3600;
    before_window_.vcpu_hours += tickets_[t].vcpu * used_h;
    before_window_.gb_hours += tickets_[t].gb * used_h;
  }
}

void FargatePlatform::finish(SimTime end) {
  for (std::uint32_t t = 0; t < tickets_.size(); ++t) {
    if (tickets_.in_use(t)) settle(tickets_[t], end);
  }
}

}  // namespace fleetsim
