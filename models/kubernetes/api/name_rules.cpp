#include "models/kubernetes/api/name_rules.hpp"

namespace fleetsim::kube {

namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool is_label(std::string_view s) {
  if (s.empty() || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (const char c : s) {
    if (!lower_alnum(c) && c != '-') return false;
  }
  return true;
}

bool is_subdomain(std::string_view s) {
  while (true) {
    const std::size_t dot = s.find('.');
    if (!is_label(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

}  // namespace

std::string name_problem(std::string_view name, NameRule rule) {
  switch (rule) {
    case NameRule::kSubdomain:
      if (name.size() > 253) return "must be no more than 253 characters";
      if (is_subdomain(name)) return {};
      return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
             "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
             "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    case NameRule::kLabel:
      if (name.size() > 63) return "must be no more than 63 characters";
      if (is_label(name)) return {};
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
             "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
             "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    case NameRule::kDns1035:
      if (name.size() > 63) return "must be no more than 63 characters";
      if (is_label(name) && name.front() >= 'a' && name.front() <= 'z') return {};
      return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
             "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
             "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  }
  return {};
}

}  // namespace fleetsim::kube
