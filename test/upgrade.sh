# The upgrade path (sourced by test/run.sh, after pg_regress): 0.1, as
# released, with data, updated by ALTER EXTENSION linkedevents UPDATE, must
# have the catalog of a fresh install of the default version
# (test/upgrade_catalog.sql) and answer the same requests over the same data.

upgrade_requests() {
	cat <<-'EOF'
		event/	
		event/	start=today&sort=start_time
		event/	keyword=yso:p50001&include=location,keywords
		event/	suitable_for=12&start=today&page=2
		event/	text=kirjasto
		event/	full_text=konsertti
		event/	local_ongoing_OR=lapsi,musiikki
		event/	hide_recurring_children=true&hide_recurring_children_sub_events=true
		event/	sort=-enrolment_start&page_size=50
		place/	has_upcoming_events=true&sort=-n_events
		keyword/	free_text=musiikki
		keyword_set/	include=keywords
		organization/	
		image/	page_size=10
		language/	
	EOF
}

# load DB: the synthetic data and the seed documents.
upgrade_load() {
	psql -X -q -d "$1" -v size=300 -v seed=9 -f test/generate.sql >/dev/null
	psql -X -q -d "$1" -f test/fixtures/seed_references.sql >/dev/null
	psql -X -q -d "$1" -v doc="$(cat test/fixtures/001_event_list_page.json)" \
		<<<"SELECT linkedevents.import(:'doc'::jsonb)" >/dev/null
}

# answers DB: one line per request, its status and body.
upgrade_answers() {
	local path query
	while IFS=$'\t' read -r path query; do
		psql -X -At -d "$1" -v path="$path" -v query="$query" <<<"SELECT :'path' || '?' || :'query' || ' ' || status || ' ' || coalesce(body::text, location) FROM linkedevents.get(:'path', :'query')"
	done < <(upgrade_requests)
}

upgrade_tests() {
	local dir=$LE_TMP/upgrade version
	version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" linkedevents.control)
	mkdir -p "$dir"
	createdb le_fresh
	createdb le_updated
	psql -X -q -d le_fresh -c "CREATE EXTENSION linkedevents CASCADE" 2>&1 | grep -v '^NOTICE' || true
	psql -X -q -d le_updated -c "CREATE EXTENSION linkedevents VERSION '0.1' CASCADE" 2>&1 | grep -v '^NOTICE' || true
	upgrade_load le_updated
	psql -X -q -d le_updated -c "ALTER EXTENSION linkedevents UPDATE"
	upgrade_load le_fresh
	psql -X -q -d le_fresh -f test/upgrade_catalog.sql >"$dir/fresh.catalog"
	psql -X -q -d le_updated -f test/upgrade_catalog.sql >"$dir/updated.catalog"
	upgrade_answers le_fresh >"$dir/fresh.answers"
	upgrade_answers le_updated >"$dir/updated.answers"
	local status=0 objects
	objects=$(wc -l <"$dir/fresh.catalog")
	if ! diff -u "$dir/fresh.catalog" "$dir/updated.catalog" >"$dir/catalog.diff"; then
		echo "FAIL upgrade: the catalog of 0.1 updated to $version differs from a fresh $version:"
		head -n 60 "$dir/catalog.diff"
		status=1
	fi
	if ! diff -u "$dir/fresh.answers" "$dir/updated.answers" >"$dir/answers.diff"; then
		echo "FAIL upgrade: 0.1 updated to $version answers differently:"
		cut -c1-300 "$dir/answers.diff" | head -n 40
		status=1
	fi
	echo "upgrade: 0.1 -> $version, $objects catalog objects and $(upgrade_requests | wc -l) requests compared, $([ $status -eq 0 ] && echo same || echo DIFFERENT)"
	return $status
}
