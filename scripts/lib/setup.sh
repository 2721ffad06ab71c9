# Shared by scripts/run, scripts/test, scripts/bench and .ci/run: install what is missing, build.
# Sourced, not executed. Quiet when everything is already present.

FS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Exactly what the build needs; the versioned Boost packages (the unversioned ones are 1.74).
FS_BUILD_PACKAGES=(g++ cmake ninja-build libboost1.81-dev libboost-json1.81-dev doctest-dev
                   libsodium-dev libjemalloc-dev)

fs_log() { printf '[fraud-sandbox] %s\n' "$*" >&2; }

# fs_install_packages PKG...: apt-get install the ones that are not installed yet.
fs_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  fs_log "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
}

# fs_build DIR [cmake args...]: configure (once) and build DIR; $FS_TARGET limits it to one target.
fs_build() {
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$FS_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  fi
  local target=()
  [ -n "${FS_TARGET:-}" ] && target=(--target "$FS_TARGET")
  cmake --build "$dir" "${target[@]}" --parallel "$(nproc)" -- --quiet >&2
}
