#!/usr/bin/env bash
# make demo: a private cluster with the extension, the seed documents and a
# synthetic data set (SIZE events, 30000 by default), then a short tour. The
# cluster keeps running afterwards (it is removed if the demo fails); the last
# lines say how to reach and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/cluster.sh

ensure_packages
log "build"
make -s >/dev/null
log "private PostgreSQL and cluster"
cluster_setup
cluster_start

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

log "extension"
psql_q -c "CREATE EXTENSION linkedevents CASCADE" 2>&1 | grep -v '^NOTICE' || true

SIZE=${SIZE:-30000}
log "synthetic data: $SIZE events (test/generate.sql)"
start=$(date +%s)
psql_q -v size="$SIZE" -f test/generate.sql
echo "generated in $(($(date +%s) - start)) s"

# The seed pages refer to objects they lack; the languages come from the
# generated data.
log "seed documents (test/fixtures)"
psql_q -At -f test/fixtures/seed_references.sql
for f in test/fixtures/*.json; do
	printf '%s: ' "$f"
	psql_q -At -v doc="$(cat "$f")" <<<"SELECT linkedevents.import(:'doc') || ' objects'"
done

psql_q -c "ANALYZE"

# The tour: API answers through linkedevents.get(path, query), the one call a
# front end makes, then two views an analyst gets from the tables directly.
api() {
	printf '\n--- GET /v1/%s?%s\n' "$1" "$2"
	psql_q -At -v path="$1" -v query="$2" <<'SQL'
SELECT 'status ' || status || coalesce('  location ' || location, '') || E'\n'
       || CASE WHEN length(body::text) > 700 THEN left(body::text, 700) || ' …' ELSE body::text END
  FROM linkedevents.get(:'path', :'query')
SQL
}
stop() {
	printf '\n--- %s\n' "$1"
	psql_q -P pager=off -c "$2"
}
log "tour"
api event/ 'keyword=yso:p50001&start=today&sort=start_time&page_size=2'
api event/ 'suitable_for=12&start=today&page_size=1'
api event/ 'local_ongoing_OR=lapsi,musiikki&page_size=1'
api event/ 'division=kallio&is_free=true&start=today&page_size=1'
api event/espoo_le:agggfz7zpy/ 'include=location'
api organization/ 'parent=ahjo:u48040050&page_size=2'
api keyword/ 'free_text=musiiki&page_size=2'
api event/ 'start=garbage'
api event/helsinki:nope/ ''
stop "How much data" "
SELECT 'events' AS resource, count(*) FROM linkedevents.event
UNION ALL SELECT 'places', count(*) FROM linkedevents.place
UNION ALL SELECT 'keywords', count(*) FROM linkedevents.keyword
UNION ALL SELECT 'organizations', count(*) FROM linkedevents.organization
UNION ALL SELECT 'images', count(*) FROM linkedevents.image
UNION ALL SELECT 'registrations', count(*) FROM linkedevents.registration"
stop "Organization tree from the seed page, straight from the table" "
SELECT repeat('  ', cardinality(tree_path) - 1) || name AS organization, id, classification
  FROM linkedevents.organization WHERE tree_path @> ARRAY['ahjo:u48040050'] ORDER BY tree_path LIMIT 8"

# The demo worked: keep the cluster (cluster_setup's trap would remove it).
trap - EXIT
cat <<EOF

The cluster keeps running. Connect with:
    PGHOST=$LE_TMP PGPORT=$PGPORT psql -U postgres postgres
Stop it and remove everything with:
    $(if [ "$(id -u)" -eq 0 ]; then echo "runuser -u postgres -- "; fi)$LE_BINDIR/pg_ctl -D $LE_TMP/data stop && rm -rf $LE_TMP
EOF
