// The customer data export over real HTTP (docs/api.md, "Customer data export"): the archive is
// read back with Python's zipfile, as a customer's own tools would read it, and its manifest
// checked against every entry; what the customer may not read (internal notes) is not in it; a
// file uploaded under a hostile name stays inside files/; only an owner, an admin or the
// customer itself may export.
#include "api_client.hpp"
#include "own_support_program.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace test_server_data_export { // one namespace per test file: unity batches (PD_UNITY) share a unit

using namespace pd::testing;
using nlohmann::json;

namespace {

// Runs a Python program over the archive; its standard output (the program prints JSON).
std::string python_over(const std::filesystem::path& zip, const std::string& program) {
  const auto script = zip.parent_path() / "check.py";
  std::ofstream(script) << program;
  std::string out;
  if (std::FILE* f = ::popen(("python3 '" + script.string() + "' '" + zip.string() + "' 2>&1").c_str(), "r")) {
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    ::pclose(f);
  }
  return out;
}

// Reads the archive as zipfile does and checks it against its own manifest: every entry listed
// with its size and SHA-256, nothing unlisted, no path leaving the archive's folder.
const char* kCheck = R"PY(
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "a damaged entry"
names = z.namelist()
manifest = json.loads(z.read("manifest.json"))
listed = [e["path"] for e in manifest["entries"]]
problems = []
if sorted(names) != sorted(listed + ["manifest.json"]): problems.append("entries differ: %r vs %r" % (names, listed))
for e in manifest["entries"]:
    data = z.read(e["path"])
    if len(data) != e["size"]: problems.append("size of " + e["path"])
    if hashlib.sha256(data).hexdigest() != e["sha256"]: problems.append("sha256 of " + e["path"])
for n in names:
    if n.startswith("/") or ".." in n.split("/") or "\\" in n: problems.append("unsafe path " + n)
doc = json.loads(z.read("customer.json"))
files = {n: z.read(n).decode() for n in names if n.startswith("files/")}
print(json.dumps({"problems": problems, "manifest": manifest, "customer": doc, "files": files}))
)PY";

} // namespace

TEST_CASE("an owner exports a customer's data as a ZIP whose manifest lists every entry; notes and other people stay out") {
  OwnSupportProgram p;
  const std::string secret_bytes = "Invoice 7731, card ending 4242\n";
  const auto sha = p.upload(*p.customer, "../../etc/passwd.txt", secret_bytes);
  auto opened = p.ok(*p.customer, "OpenTicket",
                     {{"subject", "Billing export is empty"},
                      {"text", "The CSV has no rows since Monday."},
                      {"category", "billing"},
                      {"attachments", json::array({{{"name", "../../etc/passwd.txt"}, {"content_type", "text/plain"}, {"size", secret_bytes.size()}, {"sha256", sha}}})}});
  const auto ticket = opened["events"][0]["data"]["ticket_id"].get<std::int64_t>();
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Checking the export job now."}});
  p.ok(*p.agent, "ReplyToTicket", {{"ticket_id", ticket}, {"text", "Internal: the customer is on the old exporter."}, {"internal", true}});

  // What the archive will hold, before it is written.
  auto preview = p.get(*p.owner, "/customers/" + std::to_string(p.customer_id) + "/export");
  INFO(preview.dump());
  CHECK(preview["tickets"] == 1);
  CHECK(preview["attachments"] == 1);
  CHECK(preview["attachment_bytes"] == secret_bytes.size());
  CHECK(preview["file_name"].get<std::string>().rfind("partnerdesk-customer-" + std::to_string(p.customer_id) + "-", 0) == 0);

  auto zip = p.owner->get(p.path("/customers/" + std::to_string(p.customer_id) + "/export.zip"));
  REQUIRE(zip);
  REQUIRE(zip->status == 200);
  CHECK(zip->get_header_value("Content-Type") == "application/zip");
  CHECK(zip->get_header_value("Content-Disposition").find("attachment; filename=\"partnerdesk-customer-") == 0);
  const auto dir = p.server.data_dir().parent_path() / "export-check";
  std::filesystem::create_directories(dir);
  const auto file = dir / "export.zip";
  std::ofstream(file, std::ios::binary) << zip->body;
  const auto out = python_over(file, kCheck);
  const auto read = json::parse(out, nullptr, false);
  INFO(out);
  REQUIRE(read.is_object());
  CHECK(read["problems"].empty());
  const auto& doc = read["customer"];
  CHECK(doc["format"] == "partnerdesk-customer-export/1");
  CHECK(doc["profile"]["email"] == "li@harborline.test");
  CHECK(doc["account"]["email"] == "li@harborline.test");
  REQUIRE(doc["tickets"].size() == 1);
  const auto& t = doc["tickets"][0];
  CHECK(t["subject"] == "Billing export is empty");
  std::string texts;
  for (const auto& m : t["messages"]) texts += m["text"].get<std::string>() + "\n";
  CHECK(texts.find("The CSV has no rows since Monday.") != std::string::npos);
  CHECK(texts.find("Checking the export job now.") != std::string::npos);
  CHECK(texts.find("old exporter") == std::string::npos); // the internal note is not the customer's to read
  CHECK(out.find("old exporter") == std::string::npos);
  // The file, byte for byte, under a name that stays in files/.
  REQUIRE(read["files"].size() == 1);
  const std::string path = read["files"].begin().key();
  const auto content = read["files"].begin().value();
  CHECK(path.rfind("files/", 0) == 0);
  CHECK(path.find("..") == std::string::npos);
  CHECK(content == secret_bytes);
  CHECK(read["manifest"]["counts"]["attachments"] == 1);
  // The archive left nothing behind on the server.
  std::filesystem::path tmp = p.server.data_dir() / "tmp";
  bool leftover = false;
  if (std::filesystem::exists(tmp))
    for (const auto& e : std::filesystem::directory_iterator(tmp)) leftover = leftover || e.path().filename().string().rfind("export-", 0) == 0;
  CHECK_FALSE(leftover);

  // The customer exports its own data; not another's, not the agent; nobody signed out.
  CHECK(p.customer->get(p.path("/customers/" + std::to_string(p.customer_id) + "/export.zip"))->status == 200);
  auto other = p.ok(*p.owner, "AddCustomer",
                    {{"profile", {{"name", "Sam Other"}, {"email", "sam@other.test"}, {"segment", "Growth"}, {"subscription", "active"},
                                  {"started_on", "2026-03-01"}, {"mrr", {{"minor", 900}, {"currency", "USD"}}}}}});
  const auto other_id = other["events"][0]["data"]["customer_id"].get<std::int64_t>();
  auto theirs = p.customer->get(p.path("/customers/" + std::to_string(other_id) + "/export.zip"));
  CHECK(theirs->status == 404);
  CHECK(json_of(theirs)["error"]["field"] == "customer_id");
  auto agents = p.agent->get(p.path("/customers/" + std::to_string(p.customer_id) + "/export.zip"));
  CHECK(agents->status == 403);
  CHECK(json_of(agents)["error"]["message"].get<std::string>().find("owner or admin") != std::string::npos);
  CHECK(p.owner->get(p.path("/customers/999999/export"))->status == 404);
  Session anon(p.server);
  CHECK(anon.get(p.path("/customers/" + std::to_string(p.customer_id) + "/export.zip"))->status == 401);
}

} // namespace test_server_data_export
