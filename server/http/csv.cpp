#include "server/http/csv.hpp"

namespace pd::http {

namespace {

// "-12", "0.50", "-1234.56": numbers a spreadsheet reads as numbers, not formulas.
bool plain_number(std::string_view v) {
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') digits = true;
    else if (v[i] == '.' && !dot && digits) dot = true;
    else return false;
  }
  return digits && v.back() != '.';
}

} // namespace

std::string CsvWriter::cell(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r') && !plain_number(v))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void CsvWriter::row(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out_ += ',';
    out_ += cell(cells[i]);
  }
  out_ += "\r\n";
}

void send_csv(httplib::Response& res, const std::string& csv, const std::string& filename) {
  std::string name;
  for (char c : filename)
    name += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ? c : '-';
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(csv, "text/csv; charset=utf-8");
}

} // namespace pd::http
