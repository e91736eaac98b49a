#include "server/mail/inbound.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>

namespace pd::mail {

namespace {

std::string lower_in(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim_in(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

int hex_value_in(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8_in(std::string& out, std::uint32_t cp) {
  if (cp < 0x80)
    out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Text in `charset` as UTF-8: UTF-8 and US-ASCII as they are, Latin-1 (and its Windows
// cousin, near enough) mapped byte for byte; anything else left as it is.
std::string to_utf8_in(std::string text, const std::string& charset) {
  const auto cs = lower_in(charset);
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "iso-8859-15" || cs == "windows-1252" || cs == "cp1252") {
    std::string out;
    for (unsigned char c : text)
      append_utf8_in(out, c);
    return out;
  }
  return text;
}

struct Entity {
  std::multimap<std::string, std::string> headers; // lower-case names, unfolded values
  std::string_view body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Splits headers from body (at the first empty line) and unfolds the headers.
Entity split_entity(std::string_view raw) {
  Entity e;
  std::size_t pos = 0;
  std::string name, value;
  auto flush = [&] {
    if (!name.empty()) e.headers.emplace(lower_in(name), std::string(trim_in(value)));
    name.clear();
    value.clear();
  };
  while (pos < raw.size()) {
    auto end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    auto line = raw.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) {
      flush();
      e.body = pos <= raw.size() ? raw.substr(pos) : std::string_view();
      return e;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      value += ' ';
      value += trim_in(line);
      continue;
    }
    flush();
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    name = std::string(trim_in(line.substr(0, colon)));
    value = std::string(line.substr(colon + 1));
  }
  flush();
  return e;
}

// "text/plain; charset=utf-8; boundary=..." -> type and parameters (lower-case names).
struct ContentType {
  std::string type = "text/plain";
  std::map<std::string, std::string> params;
};

ContentType parse_content_type(const std::string& value) {
  ContentType ct;
  if (trim_in(value).empty()) return ct;
  std::vector<std::string> pieces;
  std::string cur;
  bool quoted = false;
  for (char c : value) {
    if (c == '"') quoted = !quoted;
    if (c == ';' && !quoted) {
      pieces.push_back(cur);
      cur.clear();
    } else
      cur += c;
  }
  pieces.push_back(cur);
  ct.type = lower_in(trim_in(pieces[0]));
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const auto eq = pieces[i].find('=');
    if (eq == std::string::npos) continue;
    auto v = std::string(trim_in(std::string_view(pieces[i]).substr(eq + 1)));
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    ct.params[lower_in(trim_in(std::string_view(pieces[i]).substr(0, eq)))] = v;
  }
  return ct;
}

std::string decode_body(std::string_view body, const std::string& encoding) {
  const auto enc = lower_in(trim_in(encoding));
  if (enc == "quoted-printable") return decode_quoted_printable(body);
  if (enc == "base64") return decode_base64(body);
  return std::string(body);
}

struct Bodies {
  std::optional<std::string> plain;
  std::optional<std::string> html;
};

void collect_bodies(std::string_view raw, Bodies& out, int depth) {
  if (depth > 8) return;
  const auto e = split_entity(raw);
  const auto ct = parse_content_type(e.header("content-type"));
  const auto disposition = lower_in(e.header("content-disposition"));
  if (ct.type.rfind("multipart/", 0) == 0) {
    auto b = ct.params.find("boundary");
    if (b == ct.params.end() || b->second.empty()) return;
    const std::string delimiter = "--" + b->second;
    // Parts lie between lines that start with the delimiter.
    std::size_t pos = 0;
    std::optional<std::size_t> part_start;
    while (pos <= e.body.size()) {
      auto end = e.body.find('\n', pos);
      if (end == std::string_view::npos) end = e.body.size();
      auto line = e.body.substr(pos, end - pos);
      if (line.rfind(delimiter, 0) == 0) {
        if (part_start) {
          auto part = e.body.substr(*part_start, pos - *part_start);
          if (part.size() >= 1 && part.back() == '\n') part.remove_suffix(1);
          if (part.size() >= 1 && part.back() == '\r') part.remove_suffix(1);
          collect_bodies(part, out, depth + 1);
        }
        if (line.substr(delimiter.size()).rfind("--", 0) == 0) break; // the closing delimiter
        part_start = end + 1;
      }
      if (end == e.body.size()) break;
      pos = end + 1;
    }
    return;
  }
  if (disposition.rfind("attachment", 0) == 0) return;
  const auto charset = ct.params.count("charset") ? ct.params.at("charset") : std::string("us-ascii");
  if (ct.type == "text/plain" && !out.plain)
    out.plain = to_utf8_in(decode_body(e.body, e.header("content-transfer-encoding")), charset);
  else if (ct.type == "text/html" && !out.html)
    out.html = to_utf8_in(decode_body(e.body, e.header("content-transfer-encoding")), charset);
}

// The addresses of an address-list header: "A <a@x>, \"B, C\" <b@y>, c@z".
std::vector<std::pair<std::string, std::string>> parse_addresses(const std::string& value) {
  std::vector<std::pair<std::string, std::string>> out; // (name, address)
  std::vector<std::string> items;
  std::string cur;
  bool quoted = false, angle = false;
  for (char c : value) {
    if (c == '"')
      quoted = !quoted;
    else if (c == '<' && !quoted)
      angle = true;
    else if (c == '>' && !quoted)
      angle = false;
    if (c == ',' && !quoted && !angle) {
      items.push_back(cur);
      cur.clear();
    } else
      cur += c;
  }
  items.push_back(cur);
  for (const auto& item : items) {
    const auto lt = item.rfind('<');
    const auto gt = item.rfind('>');
    std::string name, address;
    if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
      address = std::string(trim_in(std::string_view(item).substr(lt + 1, gt - lt - 1)));
      name = std::string(trim_in(std::string_view(item).substr(0, lt)));
      if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    } else {
      address = std::string(trim_in(item));
    }
    if (address.find('@') == std::string::npos) continue;
    out.emplace_back(decode_encoded_words(name), lower_in(address));
  }
  return out;
}

bool starts_with_in(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool ends_with_in(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

} // namespace

std::string decode_quoted_printable(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c != '=') {
      out += c;
      continue;
    }
    if (i + 1 < body.size() && (body[i + 1] == '\n' || body[i + 1] == '\r')) { // soft line break
      ++i;
      if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      continue;
    }
    if (i + 2 < body.size() && hex_value_in(body[i + 1]) >= 0 && hex_value_in(body[i + 2]) >= 0) {
      out += static_cast<char>(hex_value_in(body[i + 1]) * 16 + hex_value_in(body[i + 2]));
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

std::string decode_base64(std::string_view body) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : body) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    else
      continue; // line breaks, padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_encoded_words(std::string_view value) {
  std::string out;
  std::size_t pos = 0;
  bool last_was_word = false;
  std::string pending_space;
  while (pos < value.size()) {
    const auto start = value.find("=?", pos);
    if (start == std::string_view::npos) {
      out += pending_space;
      out.append(value.substr(pos));
      break;
    }
    // =?charset?X?text?=
    const auto q1 = value.find('?', start + 2);
    const auto q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
    const auto end = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out += pending_space;
      out.append(value.substr(pos, start + 2 - pos));
      pending_space.clear();
      last_was_word = false;
      pos = start + 2;
      continue;
    }
    const auto between = value.substr(pos, start - pos);
    if (!(last_was_word && trim_in(between).empty())) out.append(between); // space between two words goes
    auto charset = std::string(value.substr(start + 2, q1 - start - 2));
    if (auto star = charset.find('*'); star != std::string::npos)
      charset = charset.substr(0, star); // RFC 2231 language
    const char kind = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    const auto text = value.substr(q2 + 1, end - q2 - 1);
    std::string decoded;
    if (kind == 'B')
      decoded = decode_base64(text);
    else {
      std::string t(text);
      std::replace(t.begin(), t.end(), '_', ' ');
      decoded = decode_quoted_printable(t);
    }
    out += to_utf8_in(decoded, charset);
    last_was_word = true;
    pos = end + 2;
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      const auto tag = lower_in(html.substr(i + 1, close - i - 1));
      auto name = tag.substr(0, tag.find_first_of(" \t\r\n/", tag[0] == '/' ? 1 : 0));
      if (name == "style" || name == "script" || name == "head" || name == "title") { // their content is no text
        const auto end = lower_in(html.substr(close)).find("</" + name);
        i = end == std::string::npos ? html.size() : close + end;
        continue;
      }
      if (name == "br" || name == "/p" || name == "/div" || name == "p" || name == "div" || name == "/tr" ||
          name == "li" || name == "/h1" || name == "/h2" || name == "/h3" || name == "/blockquote" ||
          name == "blockquote")
        out += '\n';
      i = close + 1;
      continue;
    }
    if (c == '&') {
      const auto semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const auto entity = html.substr(i + 1, semi - i - 1);
        std::optional<std::uint32_t> cp;
        if (entity == "amp")
          cp = '&';
        else if (entity == "lt")
          cp = '<';
        else if (entity == "gt")
          cp = '>';
        else if (entity == "quot")
          cp = '"';
        else if (entity == "apos")
          cp = '\'';
        else if (entity == "nbsp")
          cp = ' ';
        else if (!entity.empty() && entity[0] == '#') {
          std::uint32_t v = 0;
          bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
          bool okay = entity.size() > (hex ? 2u : 1u);
          for (std::size_t k = hex ? 2 : 1; k < entity.size() && okay; ++k) {
            const int d = hex ? hex_value_in(entity[k]) : (entity[k] >= '0' && entity[k] <= '9' ? entity[k] - '0' : -1);
            if (d < 0 || v > 0x10FFFF)
              okay = false;
            else
              v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
          }
          if (okay && v > 0 && v < 0x110000) cp = v;
        }
        if (cp) {
          append_utf8_in(out, *cp);
          i = semi + 1;
          continue;
        }
      }
    }
    if (c == '\r') {
      ++i;
      continue;
    }
    out += (c == '\n' || c == '\t') ? ' ' : c; // line breaks in HTML source are spaces
    ++i;
  }
  // Lines trimmed, runs of blank lines down to one.
  std::string tidy;
  std::size_t pos = 0;
  int blanks = 0;
  while (pos <= out.size()) {
    auto end = out.find('\n', pos);
    if (end == std::string::npos) end = out.size();
    auto line = trim_in(std::string_view(out).substr(pos, end - pos));
    if (line.empty())
      ++blanks;
    else {
      if (!tidy.empty()) tidy += blanks > 0 ? "\n\n" : "\n";
      tidy.append(line);
      blanks = 0;
    }
    pos = end + 1;
  }
  return tidy;
}

std::string strip_quoted_history(std::string_view text) {
  // Lines, without CR.
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    pos = end + 1;
  }
  std::size_t cut = lines.size();
  for (std::size_t i = 0; i < lines.size() && cut == lines.size(); ++i) {
    const auto line = std::string(trim_in(lines[i]));
    // "On <date>, <name> wrote:" (Gmail, Apple Mail, Thunderbird), possibly wrapped; "Am ... schrieb ...:".
    if (starts_with_in(line, "On ") || starts_with_in(line, "Am ") || starts_with_in(line, "Le ")) {
      std::string joined = line;
      for (std::size_t k = 0; k < 3 && i + k < lines.size(); ++k) {
        if (k > 0) joined += " " + std::string(trim_in(lines[i + k]));
        const auto t = std::string(trim_in(joined));
        if (ends_with_in(t, "wrote:") ||
            (starts_with_in(t, "Am ") && ends_with_in(t, ":") && t.find("schrieb") != std::string::npos) ||
            (starts_with_in(t, "Le ") && ends_with_in(t, "a écrit :"))) {
          cut = i;
          break;
        }
      }
      continue;
    }
    if (line.find("-----Original Message-----") != std::string::npos ||
        line.find("----- Original Message -----") != std::string::npos) {
      cut = i;
      continue;
    }
    // Outlook: "From: ..." followed by "Sent: ..." (or "Date: ..."), maybe after a rule of underscores.
    if ((starts_with_in(line, "From: ") || starts_with_in(line, "*From:*")) && i + 1 < lines.size()) {
      const auto next = std::string(trim_in(lines[i + 1]));
      if (starts_with_in(next, "Sent: ") || starts_with_in(next, "*Sent:*") || starts_with_in(next, "Date: ")) {
        cut = i;
        if (i > 0 && starts_with_in(trim_in(lines[i - 1]), "________")) cut = i - 1;
      }
    }
  }
  lines.resize(cut);
  // A block of quoted ("> ") and blank lines at the end.
  while (!lines.empty()) {
    const auto t = trim_in(lines.back());
    if (t.empty() || t[0] == '>')
      lines.pop_back();
    else
      break;
  }
  std::size_t first = 0;
  while (first < lines.size() && trim_in(lines[first]).empty())
    ++first;
  std::string out;
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t'))
      l.remove_suffix(1);
    if (i > first) out += '\n';
    out.append(l);
  }
  return out;
}

InboundMail parse_inbound(std::string_view raw) {
  InboundMail m;
  const auto e = split_entity(raw);
  const auto from = parse_addresses(e.header("from"));
  if (!from.empty()) {
    m.from_name = from[0].first;
    m.from = from[0].second;
  }
  for (const char* name : {"to", "cc", "delivered-to", "x-original-to"}) {
    auto range = e.headers.equal_range(name);
    for (auto it = range.first; it != range.second; ++it)
      for (auto& [n, address] : parse_addresses(it->second))
        if (std::find(m.recipients.begin(), m.recipients.end(), address) == m.recipients.end())
          m.recipients.push_back(address);
  }
  m.subject = decode_encoded_words(e.header("subject"));
  auto id = std::string(trim_in(e.header("message-id")));
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  m.message_id = id;
  const auto auto_submitted = lower_in(trim_in(e.header("auto-submitted")));
  const auto precedence = lower_in(trim_in(e.header("precedence")));
  m.automatic = (!auto_submitted.empty() && auto_submitted != "no") || precedence == "bulk" || precedence == "junk" ||
                precedence == "auto_reply";
  Bodies bodies;
  collect_bodies(raw, bodies, 0);
  std::string text = bodies.plain ? *bodies.plain : bodies.html ? html_to_text(*bodies.html) : std::string();
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  m.text = std::move(text);
  return m;
}

} // namespace pd::mail
