// A small CSV writer for exports (RFC 4180): cells with a comma, a quote or a line break are
// quoted with quotes doubled, rows end with CRLF. Spreadsheets run a cell that starts with
// = + - @ (or a tab or carriage return) as a formula, so such text cells get a leading ' to stay
// text; plain numbers ("-12.50") are written as they are.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>
#include <vector>

namespace pd::http {

class CsvWriter {
public:
  void row(const std::vector<std::string>& cells);
  const std::string& text() const { return out_; }

  // One cell as written: neutralised, then quoted when needed.
  static std::string cell(std::string_view value);

private:
  std::string out_;
};

// Answers a CSV download: text/csv; charset=utf-8, attachment with the file name given (letters,
// digits, '-', '_' and '.' only; anything else becomes '-'), never cached.
void send_csv(httplib::Response& res, const std::string& csv, const std::string& filename);

} // namespace pd::http
