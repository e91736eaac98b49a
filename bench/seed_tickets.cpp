// Seeds a data directory for the ticket-list benchmark: the demo program plus N tickets
// opened by the business for the demo's customers, through the command service like any
// user's commands. Usage: pd_bench_seed_tickets DATA_DIR [tickets=100000]
#include "server/app/server_app.hpp"
#include "server/auth/passwords.hpp"
#include "server/demo/demo_program.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

using namespace pd;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [tickets]\n", argv[0]);
    return 2;
  }
  const std::int64_t n = argc > 2 ? std::atoll(argv[2]) : 100'000;
  config::Options options;
  options.data_dir = argv[1];
  log::Logger logger(log::Level::warn);
  auth::init_crypto();
  app::ServerApp server(options, logger);
  if (server.database().was_created()) demo::load_demo_program(server.services());
  auto& services = server.services();
  const auto staff = services.accounts.find_by_email("staff@acme.test");
  if (!staff) return 1;
  const domain::Actor actor{staff->id, staff->name, staff->email};
  static const char* subjects[] = {"Export fails at 80%", "Invoice address change", "Dashboard slow", "Webhook retries",
                                   "Add a teammate", "SSO question", "Report totals differ", "Mobile app crash"};
  // Eight senders at once, so group commit batches them (one fsync per batch).
  std::atomic<std::int64_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> senders;
  for (int w = 0; w < 8; ++w)
    senders.emplace_back([&] {
      for (std::int64_t i = next++; i < n && !failed; i = next++) {
        domain::OpenTicket c{1 + i % 12, std::string(subjects[i % 8]) + " #" + std::to_string(i + 1), "Seeded for the ticket-list benchmark.",
                             static_cast<domain::Priority>(i % 4), domain::Category::how_to, {}, {}};
        auto out = services.commands.execute(1, "seed-" + std::to_string(i), c, actor, services.now_ms());
        if (out.status != 200) {
          std::fprintf(stderr, "ticket %lld: %s\n", static_cast<long long>(i), out.body.dump().c_str());
          failed = true;
        }
      }
    });
  for (auto& t : senders) t.join();
  if (failed) return 1;
  std::printf("seeded %lld tickets\n", static_cast<long long>(n));
  return 0;
}
