#!/usr/bin/env bash
# Runs every test of Phase Portal: numerics and physics, portal (bUnit, services, HTTP), and the
# browser end-to-end flows. Installs Debian's chromium for the latter when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Portal.sln -c Release -nologo -v quiet

run() { echo "== $*"; dotnet test --no-build -c Release "$@"; }

run --project tests/Compute.Tests
# The vector kernels again with AVX-512 off and with all hardware intrinsics off (scalar paths).
DOTNET_EnableAVX512=0 run --project tests/Compute.Tests --filter-trait "Category=Kernels"
DOTNET_EnableHWIntrinsic=0 run --project tests/Compute.Tests --filter-trait "Category=Kernels"
if [ -d tests/Portal.Tests ]; then run --project tests/Portal.Tests; fi
if [ -d tests/Portal.E2E ] && ls tests/Portal.E2E/*.csproj >/dev/null 2>&1; then run --project tests/Portal.E2E; fi
echo "All test suites passed."
