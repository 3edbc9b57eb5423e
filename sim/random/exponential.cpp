#include "sim/random/exponential.hpp"

#include <array>
#include <cstdint>

#include "sim/random/detmath.hpp"

namespace fleetsim {

namespace {

constexpr int kStrips = 256;
// Right edge of the base strip's rectangle and the common area of every strip, for 256 strips of
// the density e^-x (Marsaglia and Tsang 2000, section 3).
constexpr double kR = 7.69711747013104972;
constexpr double kArea = 3.949659822581572e-3;

// Strip i (0 = the base) spans x in [0, edge[i]); a point there is inside the density's curve for
// sure when x < edge[i + 1], the next strip's edge. Strip 0 is a rectangle of height e^-r plus the
// tail, drawn as one rectangle of the same area (edge[0] = area / e^-r > r); the top strip ends at 0.
struct Strips {
  std::array<double, kStrips + 1> edge{};
  std::array<double, kStrips + 1> density{};  // e^-edge
};

Strips make_strips() {
  Strips s;
  s.edge[0] = kArea / detmath::exp(-kR);
  s.edge[1] = kR;
  for (int i = 1; i < kStrips - 1; ++i) {
    // Strip i has width edge[i] and area kArea: its top is at e^-edge[i] + kArea / edge[i].
    s.edge[i + 1] = -detmath::log(kArea / s.edge[i] + detmath::exp(-s.edge[i]));
  }
  s.edge[kStrips] = 0.0;
  for (int i = 0; i <= kStrips; ++i) s.density[i] = detmath::exp(-s.edge[i]);
  return s;
}

const Strips& strips() {
  static const Strips kTable = make_strips();
  return kTable;
}

}  // namespace

double sample_standard_exponential(Rng& rng) {
  const Strips& s = strips();
  for (;;) {
    const std::uint64_t bits = rng.next_u64();
    const auto i = static_cast<std::size_t>(bits & (kStrips - 1));
    // The upper 52 bits, offset by half a step like next_open01 (so x is never 0), times the width.
    const double x = (static_cast<double>(bits >> 12) + 0.5) * 0x1p-52 * s.edge[i];
    if (x < s.edge[i + 1]) return x;
    if (i == 0) return kR - detmath::log(rng.next_open01());  // the tail, memoryless beyond r
    // The wedge between the strip's inner rectangle and its edge: accept under the curve.
    const double y = s.density[i] + rng.next_double() * (s.density[i + 1] - s.density[i]);
    if (y < detmath::exp(-x)) return x;
  }
}

}  // namespace fleetsim
