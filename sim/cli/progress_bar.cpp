#include "sim/cli/progress_bar.hpp"

#include <cstdio>
#include <string>

namespace fleetsim {

ProgressBar::ProgressBar(bool enabled, Duration total)
    : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressBar::update(SimTime now) {
  if (!enabled_) return;
  auto wall = std::chrono::steady_clock::now();
  if (wall - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = wall;
  double fraction = static_cast<double>(now.us()) / static_cast<double>(total_.us());
  double elapsed = std::chrono::duration<double>(wall - start_).count();
  double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
  const int width = 30;
  int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %5.1f%%  %s / %s simulated  ETA %.0fs ", bar.c_str(), fraction * 100,
               format_duration(Duration::seconds(now.us() / 1000000)).c_str(), format_duration(total_).c_str(), eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) std::fprintf(stderr, "\r%80s\r", "");
}

}  // namespace fleetsim
