#!/usr/bin/env bash
# Runs every test of Phase Portal: numerics and physics, portal (bUnit, services, HTTP) on SQLite and on a
# throwaway PostgreSQL, and the browser end-to-end flows. Installs Debian's chromium and PostgreSQL 15 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Portal.sln -c Release -nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() {
  echo "== $*"
  dotnet test --no-build -c Release "$@" 2>&1 | tee -a "$log"
}

run --project tests/Compute.Tests
# The vector kernels again with AVX-512 off and with all hardware intrinsics off (scalar paths).
DOTNET_EnableAVX512=0 run --project tests/Compute.Tests --filter-trait "Category=Kernels"
DOTNET_EnableHWIntrinsic=0 run --project tests/Compute.Tests --filter-trait "Category=Kernels"
run --project tests/Portal.Tests
# The same portal suite again on PostgreSQL: a throwaway cluster, removed at exit.
source tests/postgres.sh
trap 'stop_test_postgres; rm -f "$log"' EXIT
PORTAL_TEST_POSTGRES="$PORTAL_TEST_POSTGRES" run --project tests/Portal.Tests
unset PORTAL_TEST_POSTGRES
run --project tests/Portal.E2E

passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed"
