#pragma once

// Deterministic replacements for the libm transcendental functions.
//
// Why: glibc, musl and MSVC disagree in the last bits of log/exp/sin/cos, and
// any such difference that reaches a sampled value changes the simulation's
// output bytes. These functions are built only from IEEE-754 basic operations
// (+ - * /, std::sqrt, std::floor), which IEEE requires to be correctly rounded,
// plus exact bit manipulation, so they return the same bits everywhere
// provided the build uses -ffp-contract=off and no -ffast-math.

namespace fleetsim::detmath {

/// Natural logarithm; log(+-0) = -inf, log(x<0) = NaN, log(+inf) = +inf; error below 1e-15 relative.
double log(double x);

/// e^x; overflows to +inf above ~709.78 and underflows to +0 below ~-745.13; error below 1e-15 relative.
double exp(double x);

/// Sine; accurate (relative error below 1e-14) for |x| <= 1.6e6, NaN beyond that and for inf/NaN.
double sin(double x);

/// Cosine; accurate (relative error below 1e-14) for |x| <= 1.6e6, NaN beyond that and for inf/NaN.
double cos(double x);

/// x^y for x >= 0 computed as exp(y*log x) in extended precision; NaN for any negative x, even with integral y.
double pow(double x, double y);

/// The largest |x| that sin and cos accept; beyond it they return NaN rather than a silently wrong value.
inline constexpr double kTrigMaxArgument = 1.6e6;

}  // namespace fleetsim::detmath
