#!/usr/bin/env bash
# Installs the Debian packages Linchpin needs, and only those that are missing.
# Usage: scripts/install-deps.sh build|test|demo|bench
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail

build_pkgs=(g++ cmake ninja-build pkg-config
            libsqlite3-dev libzstd-dev libphonenumber-dev libicu-dev
            nlohmann-json3-dev libcli11-dev libxxhash-dev libtbb-dev libabsl-dev libjemalloc-dev)
test_pkgs=(libgtest-dev clang libclang-rt-14-dev sqlite3
           python3 python3-networkx python3-igraph chromium)
demo_pkgs=()
bench_pkgs=(libbenchmark-dev sqlite3 python3-igraph python3-graph-tool python3-networkx)

want=("${build_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test)  want+=("${test_pkgs[@]}") ;;
  demo)  want+=("${demo_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|demo|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Linchpin needs these Debian packages; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing missing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
