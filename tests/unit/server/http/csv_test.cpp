#include "server/http/csv.hpp"

#include <doctest/doctest.h>

namespace test_unit_server_http_csv { // one namespace per test file: unity batches (PD_UNITY) share a unit

using pd::http::CsvWriter;

TEST_CASE("CSV cells with commas, quotes or line breaks are quoted, quotes doubled; rows end with CRLF") {
  CHECK(CsvWriter::cell("plain") == "plain");
  CHECK(CsvWriter::cell("") == "");
  CHECK(CsvWriter::cell("a,b") == "\"a,b\"");
  CHECK(CsvWriter::cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvWriter::cell("two\nlines") == "\"two\nlines\"");
  CHECK(CsvWriter::cell("cr\r") == "\"cr\r\"");
  CHECK(CsvWriter::cell("Zoë, café") == "\"Zoë, café\"");
  CsvWriter w;
  w.row({"id", "note"});
  w.row({"1", "a, \"b\""});
  CHECK(w.text() == "id,note\r\n1,\"a, \"\"b\"\"\"\r\n");
}

TEST_CASE("cells a spreadsheet would run as a formula stay text; plain numbers stay numbers") {
  CHECK(CsvWriter::cell("=1+2") == "'=1+2");
  CHECK(CsvWriter::cell("+cmd") == "'+cmd");
  CHECK(CsvWriter::cell("-2+3") == "'-2+3");
  CHECK(CsvWriter::cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(CsvWriter::cell("\tx") == "'\tx");
  CHECK(CsvWriter::cell("=HYPERLINK(\"x\"),1") == "\"'=HYPERLINK(\"\"x\"\"),1\"");
  CHECK(CsvWriter::cell("-") == "'-");
  CHECK(CsvWriter::cell("-12.50") == "-12.50");
  CHECK(CsvWriter::cell("-7") == "-7");
  CHECK(CsvWriter::cell("-1.") == "'-1.");
  CHECK(CsvWriter::cell("-.5") == "'-.5");
  CHECK(CsvWriter::cell("a=b") == "a=b");
}

TEST_CASE("a CSV answer is a UTF-8 attachment with a safe file name") {
  httplib::Response res;
  pd::http::send_csv(res, "a\r\n", "ledger \"x\"/../2026-01.csv");
  CHECK(res.status == 200);
  CHECK(res.get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(res.get_header_value("Content-Disposition") == "attachment; filename=\"ledger--x--..-2026-01.csv\"");
  CHECK(res.body == "a\r\n");
}

} // namespace test_unit_server_http_csv
