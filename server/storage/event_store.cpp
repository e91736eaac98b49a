#include "server/storage/event_store.hpp"

namespace pd::storage {

domain::Sequence EventStore::append(domain::ProgramId program, domain::PersonId actor, domain::TimeMs at, const domain::EventBody& body) {
  db_.prepare("INSERT INTO events(program_id, type, actor, at_ms, payload) VALUES (?, ?, ?, ?, ?)")
      .bind(1, program)
      .bind(2, domain::type_of(body))
      .bind(3, actor)
      .bind(4, at)
      .bind(5, domain::body_to_json(body, true).dump())
      .run();
  return db_.last_insert_id();
}

static domain::Event read_event(const Statement& q) {
  auto data = nlohmann::json::parse(q.text(5), nullptr, false);
  auto body = domain::body_from_json(q.text(2), data);
  if (!body) throw StorageError("unreadable event " + std::to_string(q.int64(0)) + ": " + body.error().message);
  return domain::Event{q.int64(0), q.int64(1), q.int64(3), q.int64(4), std::move(body).value()};
}

void EventStore::for_each(const std::function<void(const domain::Event&)>& fn) {
  db_.read([&] {
    auto q = db_.prepare("SELECT seq, program_id, type, actor, at_ms, payload FROM events ORDER BY seq");
    while (q.step()) fn(read_event(q));
  });
}

std::vector<domain::Event> EventStore::read_after(domain::ProgramId program, domain::Sequence after, int limit) {
  return db_.read([&] {
    std::vector<domain::Event> out;
    auto q = db_.prepare("SELECT seq, program_id, type, actor, at_ms, payload FROM events WHERE program_id = ? AND seq > ? ORDER BY seq LIMIT ?");
    q.bind(1, program).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
    while (q.step()) out.push_back(read_event(q));
    return out;
  });
}

domain::Sequence EventStore::last_sequence() {
  return db_.read([&] {
    auto q = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM events");
    q.step();
    return q.int64(0);
  });
}

} // namespace pd::storage
