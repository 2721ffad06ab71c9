#!/usr/bin/env bash
# No Docker engine runs in CI, so check what can be checked without one: the runtime stage
# installs a Debian package for every shared library the binary needs (ldd), runs as non-root,
# exposes 8080, binds 0.0.0.0 and health-checks with the binary itself.
set -euo pipefail
binary="$1"
dockerfile="$2"
fail() { echo "check-dockerfile: $*" >&2; exit 1; }

runtime=$(awk '/^FROM /{stage++} stage==2' "$dockerfile")
[ -n "$runtime" ] || fail "no second (runtime) stage in $dockerfile"
grep -q '^FROM debian:bookworm-slim' <<<"$runtime" || fail "runtime stage is not debian:bookworm-slim"
grep -q '^USER ' <<<"$runtime" || fail "runtime stage does not switch to a non-root USER"
grep -q '^EXPOSE 8080' <<<"$runtime" || fail "runtime stage does not EXPOSE 8080"
grep -q 'FRAUD_SANDBOX_HOST=0.0.0.0' <<<"$runtime" || fail "runtime stage does not bind 0.0.0.0"
grep -q 'HEALTHCHECK.*fraud-sandbox", "healthcheck"' <<<"$runtime" || fail "HEALTHCHECK does not use 'fraud-sandbox healthcheck'"
grep -q 'curl' <<<"$runtime" && fail "runtime stage mentions curl; the healthcheck must not need it"

installed=$(grep -o 'apt-get install[^&]*' <<<"$runtime" | tr ' \\' '\n\n' | grep -v -e '^-' -e '^apt-get$' -e '^install$' -e '^$' || true)
# What debian:bookworm-slim already has.
base="libc6 libstdc++6 libgcc-s1"
missing=0
while read -r lib path; do
  [ -n "$path" ] || continue
  real=$(readlink -f "$path")
  pkg=$(dpkg -S "$real" 2>/dev/null | head -n1 | cut -d: -f1) || pkg=""
  [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -n1 | cut -d: -f1) || true
  [ -n "$pkg" ] || fail "cannot tell which package ships $lib ($path)"
  if ! grep -qw -- "$pkg" <<<"$installed $base"; then
    echo "check-dockerfile: $lib comes from $pkg, which the runtime stage does not install" >&2
    missing=1
  fi
done < <(ldd "$binary" | awk '/=> \//{print $1, $3}')
[ "$missing" -eq 0 ] || exit 1
echo "check-dockerfile: runtime stage covers every library of $(basename "$binary"): $installed"
