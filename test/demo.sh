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

# The seed pages refer to objects they lack (the languages come from the
# generated data); import minimal ones first, as for a partial dump.
log "seed documents (test/fixtures)"
psql_q -At <<'SQL'
SELECT linkedevents.import('[
  {"id": "ahjo:u48040050", "name": "Kirjastopalvelut"},
  {"id": "ahjo:u4804005010", "name": "Alueellinen kirjastopalvelu",
   "parent_organization": "https://api.hel.fi/linkedevents/v1/organization/ahjo:u48040050/"},
  {"id": "ahjo:u021600", "name": "Kasvatuksen ja koulutuksen toimiala"},
  {"id": "espoo:sito", "name": "Sivistystoimi"}]', 'organization');
SELECT linkedevents.import('{"id": "tprek:15321", "name": {"fi": "Entressen kirjasto"}}', 'place');
SELECT linkedevents.import('[{"id": "espoo_le:agggfz65ie"}, {"id": "espoo_le:agggfz65ka"},
  {"id": "espoo_le:agggfz65l4"}, {"id": "yso:p2787"}, {"id": "yso:p360"}, {"id": "yso:p8113"},
  {"id": "espoo_le:agggfz7av4"}, {"id": "espoo_le:agggfz7azy"}]', 'keyword');
SQL
for f in test/fixtures/*.json; do
	printf '%s: ' "$f"
	psql_q -At -v doc="$(cat "$f")" <<<"SELECT linkedevents.import(:'doc') || ' objects'"
done

psql_q -c "ANALYZE"

# The tour: each stop is a title and one query. When linkedevents.get()
# exists, the stops become calls such as
#   SELECT status, body FROM linkedevents.get('event/', 'keyword=yso:p4354&start=today')
stop() {
	printf '\n--- %s\n' "$1"
	psql_q -P pager=off -c "$2"
}
log "tour"
stop "How much data" "
SELECT 'events' AS resource, count(*) FROM linkedevents.event
UNION ALL SELECT 'places', count(*) FROM linkedevents.place
UNION ALL SELECT 'keywords', count(*) FROM linkedevents.keyword
UNION ALL SELECT 'organizations', count(*) FROM linkedevents.organization
UNION ALL SELECT 'images', count(*) FROM linkedevents.image
UNION ALL SELECT 'registrations', count(*) FROM linkedevents.registration"
stop "The seed event, as imported from test/fixtures/001_event_list_page.json" "
SELECT id, location, keywords, start_time, end_time, name->>'fi' AS name, provider->>'fi' AS provider
  FROM linkedevents.event WHERE id = 'espoo_le:agggfz7zpy'"
stop "Organization tree from the seed page: descendants of ahjo:u48040050" "
SELECT repeat('  ', cardinality(tree_path) - 1) || name AS organization, id, classification
  FROM linkedevents.organization WHERE tree_path @> ARRAY['ahjo:u48040050'] ORDER BY tree_path LIMIT 12"
stop "Upcoming events for children (audience yso:p4354), soonest first" "
SELECT id, start_time, name->>'fi' AS name, location
  FROM linkedevents.event
 WHERE audience @> ARRAY['yso:p4354'] AND start_time >= now() AND NOT deleted AND publication_status = 'public'
 ORDER BY start_time, id LIMIT 5"
stop "Most used keywords" "
SELECT id, name->>'fi' AS fi, name->>'en' AS en, n_events FROM linkedevents.keyword ORDER BY n_events DESC, id LIMIT 5"
stop "Places within 500 m of Helsinki Central Station with upcoming events" "
SELECT id, name->>'fi' AS name, n_events FROM linkedevents.place
 WHERE has_upcoming_events
   AND ST_DWithin(position::geography, ST_SetSRID(ST_MakePoint(24.9414, 60.1719), 4326)::geography, 500)
 ORDER BY n_events DESC, id LIMIT 5"
stop "Free events in Kallio in the coming 30 days" "
SELECT e.id, e.start_time, e.name->>'fi' AS name
  FROM linkedevents.event e
  JOIN linkedevents.place_division d ON d.place = e.location
 WHERE d.division = 'ocd-division/country:fi/kunta:helsinki/peruspiiri:kallio'
   AND e.start_time >= now() AND e.start_time < now() + interval '30 days'
   AND EXISTS (SELECT 1 FROM linkedevents.offer o WHERE o.event = e.id AND o.is_free)
 ORDER BY e.start_time, e.id LIMIT 5"

# The demo worked: keep the cluster (cluster_setup's trap would remove it).
trap - EXIT
cat <<EOF

The cluster keeps running. Connect with:
    PGHOST=$LE_TMP PGPORT=$PGPORT psql -U postgres postgres
Stop it and remove everything with:
    $(if [ "$(id -u)" -eq 0 ]; then echo "runuser -u postgres -- "; fi)$LE_BINDIR/pg_ctl -D $LE_TMP/data stop && rm -rf $LE_TMP
EOF
