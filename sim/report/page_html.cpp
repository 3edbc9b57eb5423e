#include "sim/report/page_html.hpp"

#include <cmath>
#include <cstdio>

#include "sim/report/report_assets.hpp"

namespace fleetsim {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::ordered_json& data) {
  std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_page(const PageParts& parts) {
  std::string out;
  out.reserve(report_assets::dygraph_js.size() + 4096);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(parts.title) + "</title>\n<style>\n";
  out += report_assets::dygraph_css;
  out += report_assets::report_css;
  out += "</style>\n</head>\n<body>\n<header><h1>" + html_escape(parts.title) + "</h1><p class=\"sub\">" +
         html_escape(parts.subtitle) + "</p></header>\n<main>\n";
  out += parts.body_html;
  out += "<div id=\"charts\"></div>\n";
  out += parts.after_charts_html;
  out += "</main>\n<div id=\"mark-info\" hidden></div>\n";
  out += "<script type=\"application/json\" id=\"report-data\">" + json_for_script(parts.data) + "</script>\n";
  out += "<script>\n";
  out += report_assets::dygraph_js;
  out += "\n</script>\n<script>\n";
  out += report_assets::synchronizer_js;
  out += "\n</script>\n<script>\n";
  out += report_assets::report_js;
  out += "\n</script>\n</body>\n</html>\n";
  return out;
}

std::string format_cell(double v) {
  char buf[64];
  if (std::abs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", v);
  }
  return buf;
}

std::string clock_text(double seconds) {
  long long s = std::llround(std::floor(seconds));
  char buf[48];
  long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;
  if (d > 0) {
    std::snprintf(buf, sizeof buf, "%lldd %02lld:%02lld:%02lld", d, h, m, sec);
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", h, m, sec);
  }
  return buf;
}

std::string marks_table_html(const EventDigest& events, const std::string& prefix) {
  std::string out;
  if (!events.marks.empty()) {
    out += "<details class=\"events\"><summary>" + html_escape(prefix) + "Marks on the time axis (" +
           std::to_string(events.marks.size()) +
           "): scaling decisions, alarms going to ALARM, actions</summary>\n<table><tr><th>time</th><th>kind</th>"
           "<th>what</th><th>why</th></tr>\n";
    for (const Mark& m : events.marks) {
      out += "<tr class=\"" + html_escape(m.kind) + "\"><td>" + clock_text(m.t) + "</td><td>" + html_escape(m.kind) +
             "</td><td>" + html_escape(m.label) + "</td><td>" + html_escape(m.text) + "</td></tr>\n";
    }
    out += "</table></details>\n";
  }
  if (!events.spans.empty()) {
    out += "<details class=\"events\"><summary>" + html_escape(prefix) + "Shaded spans (" +
           std::to_string(events.spans.size()) +
           "): deployments and faults</summary>\n<table><tr><th>from</th><th>to</th><th>kind</th><th>what</th></tr>\n";
    for (const Span& s : events.spans) {
      out += "<tr><td>" + clock_text(s.from) + "</td><td>" + clock_text(s.to) + "</td><td>" + html_escape(s.kind) +
             "</td><td>" + html_escape(s.label) + "</td></tr>\n";
    }
    out += "</table></details>\n";
  }
  return out;
}

}  // namespace fleetsim
