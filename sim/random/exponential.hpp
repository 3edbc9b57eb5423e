#pragma once
/// Standard exponential variates by the ziggurat method: the draw behind every inter-arrival time
/// and exponential demand, so the hottest random draw of a request.

#include "sim/random/rng.hpp"

namespace fleetsim {

/// An exponential variate with mean 1, in (0, inf).
///
/// Why not -log(U): the deterministic log (detmath, double-double so every machine rounds alike)
/// costs about 130 instructions; the ziggurat (Marsaglia and Tsang, "The Ziggurat Method for
/// Generating Random Variables", J. Stat. Software 5(8), 2000) covers the density with 256 strips of
/// equal area and accepts about 98 % of draws with one 64-bit draw, a multiply and a compare.
/// The rest fall in a strip's wedge (a second draw and one detmath::exp) or in the tail beyond the
/// widest strip (memoryless: its start plus -log of a second draw). The strip table is computed once
/// with detmath, so it has the same bits everywhere.
double sample_standard_exponential(Rng& rng);

}  // namespace fleetsim
