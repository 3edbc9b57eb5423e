#pragma once
/// The report page's frame: escaping, the data block the script reads, and the document with the
/// charting library, styles and the page's own script inlined (no network when opened).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/report/event_digest.hpp"

namespace fleetsim {

/// `text` safe inside HTML text and attribute values (& < > " ' escaped).
std::string html_escape(std::string_view text);

/// `data` as JSON that cannot end the <script> element holding it: < > & and the line separators
/// U+2028/U+2029 written as \u escapes (still the same JSON).
std::string json_for_script(const nlohmann::ordered_json& data);

/// What differs between pages: the title, the HTML above the charts and the data the script draws.
struct PageParts {
  std::string title;
  std::string subtitle;
  std::string body_html;          ///< headline tables, already escaped
  std::string after_charts_html;  ///< tables below the charts, already escaped
  nlohmann::ordered_json data;    ///< {kind: "run"|"compare"|"sweep", ...} for report.js
};

/// The whole self-contained HTML document.
std::string render_page(const PageParts& parts);

/// A number for a table cell: integers as such, others with 4 significant digits.
std::string format_cell(double v);

/// The marks and spans as two tables ("What happened"), times as d hh:mm:ss.
std::string marks_table_html(const EventDigest& events, const std::string& prefix = "");

/// Seconds since the start as "hh:mm:ss", with "Nd " before it past the first day.
std::string clock_text(double seconds);

}  // namespace fleetsim
