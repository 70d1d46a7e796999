#!/usr/bin/env bash
# make demo: a throwaway cluster with the extension (demo data: see issue 2).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "demo: not yet available" >&2
exit 1
