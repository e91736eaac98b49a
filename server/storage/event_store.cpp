#include "server/storage/event_store.hpp"

#include "shared/domain/privacy/sealing.hpp"

namespace pd::storage {

domain::Sequence EventStore::append(domain::ProgramId program, domain::PersonId actor, domain::TimeMs at, const domain::EventBody& body,
                                    std::optional<domain::DataSubject> subject) {
  auto q = db_.prepare(
      "INSERT INTO events(program_id, type, actor, at_ms, payload, subject, subject_ticket, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, program).bind(2, domain::type_of(body)).bind(3, actor).bind(4, at);
  if (subject) {
    const auto key = keys_.key_for(program, subject->customer, subject->ticket);
    q.bind(5, domain::body_to_json(domain::erased_form(body, subject->customer), true).dump())
        .bind(6, subject->customer)
        .bind(7, subject->ticket)
        .bind(8, CustomerKeys::seal(key, domain::body_to_json(body, true).dump()));
  } else {
    q.bind(5, domain::body_to_json(body, true).dump()).bind_null(6).bind_null(7).bind_null(8);
  }
  q.run();
  return db_.last_insert_id();
}

// Columns: seq, program_id, type, actor, at_ms, payload, subject, subject_ticket, sealed. The
// sealed form while the subject's key exists; the payload (its erased form) once it is destroyed.
domain::Event EventStore::read_event(const Statement& q) {
  std::string text = q.text(5);
  if (q.int64(6) != 0) {
    if (auto key = keys_.find(q.int64(1), q.int64(6), q.int64(7))) {
      auto opened = CustomerKeys::open(*key, q.text(8));
      if (!opened) throw StorageError("event " + std::to_string(q.int64(0)) + " does not open with its customer's key");
      text = std::move(*opened);
    }
  }
  auto data = nlohmann::json::parse(text, nullptr, false);
  auto body = domain::body_from_json(q.text(2), data);
  if (!body) throw StorageError("unreadable event " + std::to_string(q.int64(0)) + ": " + body.error().message);
  return domain::Event{q.int64(0), q.int64(1), q.int64(3), q.int64(4), std::move(body).value()};
}

namespace {
// The columns read_event() reads.
constexpr const char* select_events =
    "SELECT seq, program_id, type, actor, at_ms, payload, COALESCE(subject, 0), COALESCE(subject_ticket, 0), COALESCE(sealed, '') "
    "FROM events ";
} // namespace

void EventStore::for_each(const std::function<void(const domain::Event&)>& fn) {
  db_.read([&] {
    auto q = db_.prepare(std::string(select_events) + "ORDER BY seq");
    while (q.step()) fn(read_event(q));
  });
}

std::vector<domain::Event> EventStore::read_list(const char* where, std::initializer_list<std::int64_t> values) {
  return db_.read([&] {
    std::vector<domain::Event> out;
    auto q = db_.prepare(std::string(select_events) + where);
    int i = 1;
    for (auto v : values) q.bind(i++, v);
    while (q.step()) out.push_back(read_event(q));
    return out;
  });
}

std::vector<domain::Event> EventStore::read_after(domain::ProgramId program, domain::Sequence after, int limit) {
  return read_list("WHERE program_id = ? AND seq > ? ORDER BY seq LIMIT ?", {program, after, limit});
}

std::vector<domain::Event> EventStore::read_all_after(domain::Sequence after, domain::Sequence through, int limit) {
  return read_list("WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?", {after, through, limit});
}

void EventStore::seal(domain::Sequence seq, domain::ProgramId program, const domain::EventBody& body, const domain::DataSubject& subject) {
  const auto key = keys_.key_for(program, subject.customer, subject.ticket);
  db_.prepare("UPDATE events SET payload = ?, subject = ?, subject_ticket = ?, sealed = ? WHERE seq = ?")
      .bind(1, domain::body_to_json(domain::erased_form(body, subject.customer), true).dump())
      .bind(2, subject.customer)
      .bind(3, subject.ticket)
      .bind(4, CustomerKeys::seal(key, domain::body_to_json(body, true).dump()))
      .bind(5, seq)
      .run();
}

domain::Sequence EventStore::last_sequence() {
  return db_.read([&] {
    auto q = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM events");
    q.step();
    return q.int64(0);
  });
}

} // namespace pd::storage
