#!/usr/bin/env bash
# Benchmarks of FriendlyGov (not part of ./test.sh: they take minutes). Results: bench/results/ and docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/FriendlyGov.Bench -- --filter '*' --artifacts bench/results "$@"
