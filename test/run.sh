#!/usr/bin/env bash
# The test command (`make test`; .ci/run calls it): installs missing Debian
# packages, builds without warnings, runs the layer-1 C unit tests under
# AddressSanitizer and UBSan, then runs the pg_regress suite against a
# throwaway cluster, then the HTTP tests of linkedevents-httpd. Exits
# non-zero on any failure, also when interrupted.
# TESTS="20_kwquery 25_ongoing" make test runs only those regression files
# (after 00_setup).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/cluster.sh

ensure_packages

log "build"
make -s clean >/dev/null
make -s COPT='-Werror' >/dev/null

log "unit tests (layer 1, sanitized)"
make -s -C test/unit run

log "pg_regress"
cluster_setup
cluster_start
status=0
make -s installcheck ${TESTS:+REGRESS="00_setup $TESTS"} 2>&1 | tee "$LE_TMP/regress.out" || status=$?
if [ $status -ne 0 ]; then
	for diffs in regression.diffs output_iso/regression.diffs; do
		if [ -f "$diffs" ]; then head -n 300 "$diffs"; fi
	done
fi
total=$(grep -c '^test ' "$LE_TMP/regress.out" || true)
failed=$(sed -n 's/^ *\([0-9]*\) of [0-9]* tests failed.*/\1/p' "$LE_TMP/regress.out")
[ -n "$failed" ] || failed=$([ $status -eq 0 ] && echo 0 || echo "$total")
echo "regress: $((total - failed)) passed, $failed failed"

# The HTTP front end: linkedevents-httpd (as installed above) on free loopback
# ports against a database of its own in this cluster; curl for each
# behaviour, headless Chromium for the browsable page (test/http.sh; the
# screenshot goes to test/out/). Prints "http: N passed, N failed".
log "http (linkedevents-httpd)"
. test/http.sh
http_tests || status=1
exit $status
