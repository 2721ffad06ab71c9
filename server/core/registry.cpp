#include "core/registry.hpp"

#include <cctype>
#include <mutex>

namespace fs {

bool NamespaceRegistry::valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return false;
  }
  return true;
}

std::shared_ptr<Namespace> NamespaceRegistry::find(std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = map_.find(std::string(name));
  return it == map_.end() ? nullptr : it->second;
}

std::shared_ptr<Namespace> NamespaceRegistry::get_or_create(std::string_view name) {
  if (auto ns = find(name)) return ns;
  std::unique_lock lock(mutex_);
  auto it = map_.find(std::string(name));
  if (it != map_.end()) return it->second;
  if (map_.size() >= limit_) {
    ++refused_;
    return nullptr;
  }
  auto ns = std::make_shared<Namespace>(std::string(name), scenario_, services_);
  {
    auto guard = ns->lock();
    ns->reset();
  }
  map_.emplace(std::string(name), ns);
  return ns;
}

std::vector<std::shared_ptr<Namespace>> NamespaceRegistry::all() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<Namespace>> out;
  out.reserve(map_.size());
  for (const auto& [k, v] : map_) out.push_back(v);
  return out;
}

std::size_t NamespaceRegistry::size() const {
  std::shared_lock lock(mutex_);
  return map_.size();
}

std::uint64_t NamespaceRegistry::refused() const {
  std::shared_lock lock(mutex_);
  return refused_;
}

}  // namespace fs
