#include "server/storage/customer_keys.hpp"

#include <sodium.h>

#include <vector>

namespace pd::storage {

static_assert(CustomerKeys::key_bytes == crypto_secretbox_KEYBYTES);

namespace {

std::string to_base64(const unsigned char* bytes, std::size_t n) {
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1); // the terminating NUL
  return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
  std::vector<unsigned char> out(text.size());
  std::size_t n = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(n);
  return out;
}

} // namespace

CustomerKeys::Key CustomerKeys::key_for(std::int64_t program, std::int64_t customer, std::int64_t ticket) {
  if (auto k = find(program, customer, ticket)) return *k;
  Key key{};
  crypto_secretbox_keygen(key.data());
  db_.prepare("INSERT INTO customer_keys(program_id, customer_id, ticket_id, key) VALUES (?, ?, ?, ?)")
      .bind(1, program)
      .bind(2, customer)
      .bind(3, ticket)
      .bind(4, to_base64(key.data(), key.size()))
      .run();
  std::lock_guard g(mutex_);
  destroyed_.erase({program, customer, ticket});
  destroyed_customers_.erase({program, customer});
  cache_[{program, customer, ticket}] = key;
  return key;
}

bool CustomerKeys::destroyed(const Id& id) const {
  return destroyed_.count(id) != 0 || destroyed_customers_.count({std::get<0>(id), std::get<1>(id)}) != 0;
}

std::optional<CustomerKeys::Key> CustomerKeys::find(std::int64_t program, std::int64_t customer, std::int64_t ticket) {
  const Id id{program, customer, ticket};
  {
    std::lock_guard g(mutex_);
    if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  }
  std::optional<Key> found;
  auto q = db_.prepare("SELECT key FROM customer_keys WHERE program_id = ? AND customer_id = ? AND ticket_id = ?");
  q.bind(1, program).bind(2, customer).bind(3, ticket);
  if (q.step()) {
    auto raw = from_base64(q.text(0));
    if (raw && raw->size() == key_bytes) {
      Key k{};
      std::copy(raw->begin(), raw->end(), k.begin());
      found = k;
    }
  }
  std::lock_guard g(mutex_);
  if (found && !destroyed(id)) cache_[id] = *found;
  return found;
}

void CustomerKeys::destroy(std::int64_t program, std::int64_t customer) {
  db_.prepare("DELETE FROM customer_keys WHERE program_id = ? AND customer_id = ?").bind(1, program).bind(2, customer).run();
  std::lock_guard g(mutex_);
  for (auto it = cache_.begin(); it != cache_.end();)
    it = std::get<0>(it->first) == program && std::get<1>(it->first) == customer ? cache_.erase(it) : std::next(it);
  destroyed_customers_.insert({program, customer});
}

void CustomerKeys::destroy_ticket(std::int64_t program, std::int64_t customer, std::int64_t ticket) {
  db_.prepare("DELETE FROM customer_keys WHERE program_id = ? AND customer_id = ? AND ticket_id = ?")
      .bind(1, program)
      .bind(2, customer)
      .bind(3, ticket)
      .run();
  std::lock_guard g(mutex_);
  cache_.erase({program, customer, ticket});
  destroyed_.insert({program, customer, ticket});
}

void CustomerKeys::reset_cache() {
  std::lock_guard g(mutex_);
  cache_.clear();
}

std::string CustomerKeys::seal(const Key& key, std::string_view text) {
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + text.size());
  randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                        box.data(), key.data());
  return to_base64(box.data(), box.size());
}

std::optional<std::string> CustomerKeys::open(const Key& key, std::string_view sealed) {
  auto box = from_base64(sealed);
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  std::string out(box->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), box->data() + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, box->data(), key.data()) != 0)
    return std::nullopt;
  return out;
}

} // namespace pd::storage
