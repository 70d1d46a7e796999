#!/usr/bin/env bash
# make demo: a private cluster with the extension, the seed documents and a
# synthetic data set (SIZE events, 30000 by default), a short tour, then
# linkedevents-httpd serving it on 127.0.0.1:PORT (8080 by default) until
# Ctrl-C, which stops the server and removes the cluster.
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

# The seed pages refer to objects they lack (but for languages, which
# import() creates on first mention).
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

# The HTTP front end on the demo data, until Ctrl-C (or SIGTERM).
PORT=${PORT:-8080}
url=http://127.0.0.1:$PORT
"$LE_BINDIR/linkedevents-httpd" --listen "127.0.0.1:$PORT" --db "host=$LE_TMP port=$PGPORT dbname=postgres" &
httpd=$!
trap 'kill -TERM $httpd 2>/dev/null; wait $httpd; cluster_cleanup' EXIT
sleep 0.5
kill -0 $httpd 2>/dev/null || { log "linkedevents-httpd did not start (port $PORT taken? PORT=8081 make demo)"; exit 1; }
cat <<EOF

linkedevents-httpd serves the demo data at $url/v1/ (access log below).
Open in a browser (the browsable API):
    $url/v1/event/?start=today&sort=start_time
    $url/v1/event/espoo_le:agggfz7zpy/?include=location
    $url/v1/organization/?parent=ahjo:u48040050
Try with curl:
    curl $url/v1/event/?start=today
    curl -i '$url/v1/event/?keyword=yso:p50001&start=today&sort=start_time&page_size=2'
    curl -s --compressed -D - -o /dev/null '$url/v1/keyword/?free_text=musiiki'
    curl -i $url/v1/event/helsinki:nope/
The database: PGHOST=$LE_TMP PGPORT=$PGPORT psql -U postgres postgres
Ctrl-C stops the server and removes the cluster.

EOF
wait $httpd
