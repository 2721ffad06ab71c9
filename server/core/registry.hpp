#pragma once
// The only map shared by all requests: namespace name -> namespace, created on first use from the
// server's scenario, up to a limit. Lookups take a shared lock only.
#include "core/namespace.hpp"

#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fs {

class NamespaceRegistry {
 public:
  NamespaceRegistry(std::shared_ptr<const scenario::Scenario> scenario, Services& services, std::size_t limit)
      : scenario_(std::move(scenario)), services_(services), limit_(limit) {}

  // nullptr when the namespace does not exist and the limit is reached.
  std::shared_ptr<Namespace> get_or_create(std::string_view name);
  std::shared_ptr<Namespace> find(std::string_view name) const;
  std::vector<std::shared_ptr<Namespace>> all() const;
  std::size_t size() const;
  std::size_t limit() const { return limit_; }
  std::uint64_t refused() const;  // creations refused because of the limit

  static bool valid_name(std::string_view name);

 private:
  std::shared_ptr<const scenario::Scenario> scenario_;
  Services& services_;
  std::size_t limit_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Namespace>> map_;
  std::uint64_t refused_ = 0;
};

}  // namespace fs
