#!/usr/bin/env bash
# make bench [SIZE=30000] [REPS=n] [SCALING=1]: benchmarks in a throwaway
# cluster (test/cluster.sh). Reports only; it never fails on slow numbers.
#
#   SIZE     events generated (test/generate.sql); 30000 by default
#   REPS     timed repetitions per request of linkedevents and the floor;
#            30 up to 100k events, 10 above
#   BASE_REPS  the same for the baseline; a third of REPS, at least 5
#   TIME_BUDGET  seconds after which a way stops repeating a request (once
#            it has 3 runs); 30 by default
#   REQUEST_TIMEOUT  seconds after which a request's measuring (or its
#            EXPLAIN) is cancelled and the request reported as an error; 600
#   THROUGHPUT_SECONDS  length of each pgbench run; 10 by default
#   SCALING  1: instead, three requests at 30k, 300k and 1M events
#   HTTP_ONLY  1: only the HTTP throughput of linkedevents-httpd
#              (test/bench/http.sh, which also runs after the rest)
#
# Each request of test/bench/requests.sql is answered three ways in the same
# cluster: linkedevents.get, the reference's plain SQL over the baseline
# schema (test/bench/baseline.sql), and the floor (the page's precomputed
# documents by primary key). Then pgbench measures pages per second of the
# default list, an event detail and a weighted mix (bench.mix) at 2 and 8
# clients, linkedevents and the floor. Output: the tables on stdout, and in
# bench/results/ <size>.csv, <size>-throughput.csv, <size>-micro.csv,
# <size>.png (ratios) and <size>-explain.txt (EXPLAIN ANALYZE of the
# requests missing a target).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/cluster.sh

SIZE=${1:-${SIZE:-30000}}
SCALING=${SCALING:-}
RESULTS=bench/results

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# reps_for SIZE, base_reps_for SIZE: the default numbers of timed
# repetitions (the baseline is the slow way; its p50 only gives the ratio).
reps_for() { echo "${REPS:-$(($1 <= 100000 ? 30 : 10))}"; }
base_reps_for() {
	local reps
	reps=$(reps_for "$1")
	echo "${BASE_REPS:-$((reps / 3 > 5 ? reps / 3 : 5))}"
}

# prepare DB SIZE REQUESTS: a database with the generated data, the
# baseline copy, the harness and the request set (all or scaling).
prepare() {
	local db=$1 size=$2 started
	createdb "$db"
	psql_q -d "$db" -c "CREATE EXTENSION linkedevents CASCADE" 2>&1 | grep -v '^NOTICE' || true
	log "$db: generating $size events"
	started=$(date +%s)
	psql_q -d "$db" -v size="$size" -f test/generate.sql
	psql_q -d "$db" -c "VACUUM ANALYZE"
	log "$db: generated in $(($(date +%s) - started)) s; baseline copy and floor"
	started=$(date +%s)
	psql_q -d "$db" -f test/bench/baseline.sql
	psql_q -d "$db" -c "VACUUM ANALYZE"
	log "$db: baseline built in $(($(date +%s) - started)) s"
	psql_q -d "$db" -f test/bench/harness.sql
	psql_q -d "$db" -v requests="$3" -f test/bench/requests.sql
}

# measure DB SIZE: check and time every request, one session each. A
# request whose checking and timing take more than REQUEST_TIMEOUT seconds
# is cancelled and recorded as an error.
measure() {
	local ord out
	for ord in $(psql_q -d "$1" -At -c "SELECT ord FROM bench.request ORDER BY ord"); do
		if out=$(psql_q -d "$1" -At -c "LOAD 'linkedevents'" -c "SET statement_timeout = '${REQUEST_TIMEOUT:-600}s'" \
			-c "SELECT bench.run($ord, $(reps_for "$2"), $(base_reps_for "$2"), ${TIME_BUDGET:-30})" 2>&1); then
			log "  $out"
		else
			out=${out%%$'\n'*}
			log "  request $ord: $out"
			psql_q -d "$1" -v ord="$ord" -v error="$out" <<-'SQL'
				INSERT INTO bench.check (ord, error) VALUES (:ord, :'error')
				    ON CONFLICT (ord) DO UPDATE SET error = excluded.error;
			SQL
		fi
	done
}

# report DB SIZE: the table, the CSV, loud lines for pages that differ.
report() {
	local db=$1 size=$2
	echo
	echo "== $size events: milliseconds (p50/p95 of $(reps_for "$size") warm runs, the baseline's of" \
		"$(base_reps_for "$size"), at least 3 within ${TIME_BUDGET:-30} s), ratios of the p50s;" \
		"targets missed: p50 > 50 ms, p95 > 100 ms, less than 3x faster than the baseline (3x)"
	psql -X -P footer=off -d "$db" -c "SELECT * FROM bench.report"
	psql_q -d "$db" -At -c "
		SELECT format('%s of %s requests meet every target; %s miss p50, %s p95, %s 3x', count(*) FILTER (WHERE targets = 'ok'),
		              count(*), count(*) FILTER (WHERE targets LIKE '%p50%'), count(*) FILTER (WHERE targets LIKE '%p95%'),
		              count(*) FILTER (WHERE targets LIKE '%3x%'))
		  FROM bench.report"
	psql_q -d "$db" -c "\\copy (SELECT $size AS size, * FROM bench.report) TO '$RESULTS/$size.csv' CSV HEADER"
	psql_q -d "$db" -At -c "
		SELECT format('!! %s: %s — %s', r.name, c.error,
		              'linkedevents count ' || c.count || ', baseline ' || c.base_count
		              || ', ids ' || array_to_string(c.ids[1:5], ' ') || ' … vs '
		              || array_to_string(c.base_ids[1:5], ' ') || ' …')
		  FROM bench.request r JOIN bench.check c USING (ord)
		 WHERE c.error IS NOT NULL OR c.ids IS DISTINCT FROM c.base_ids
		    OR c.count IS DISTINCT FROM c.base_count" >&2
}

# explain DB SIZE: EXPLAIN ANALYZE (auto_explain, nested statements of 1 ms
# or more) of one run of each request missing a target (bench.report), but
# not of those that failed.
explain() {
	local db=$1 size=$2 out=$RESULTS/$2-explain.txt
	: >"$out"
	psql_q -d "$db" -At -F $'\x1f' -c "
		SELECT r.path, r.query, p.name FROM bench.report p JOIN bench.request r USING (ord)
		 WHERE p.targets <> 'ok' AND p.same_page <> 'ERROR' ORDER BY ord" |
		while IFS=$'\x1f' read -r path query name; do
			{
				printf '\n=== %s  (GET /v1/%s?%s)\n' "$name" "$path" "$query"
				psql -X -q -d "$db" -v path="$path" -v query="$query" -v timeout="${REQUEST_TIMEOUT:-600}s" \
					2>&1 <<-'SQL' |
					SET statement_timeout = :'timeout';
					LOAD 'auto_explain';
					SET auto_explain.log_min_duration = 1;
					SET auto_explain.log_analyze = on;
					SET auto_explain.log_buffers = on;
					SET auto_explain.log_nested_statements = on;
					SET auto_explain.log_level = notice;
					SELECT status FROM linkedevents.get(:'path', :'query') \g /dev/null
				SQL
					sed -n '/^NOTICE:  duration/,$p'
			} >>"$out"
		done
	log "plans of the requests missing a target: $out"
}

# throughput DB SIZE: pgbench transactions (pages) per second of the
# default list, the event detail and the mix of bench.mix, linkedevents and
# the floor (the same pages' precomputed documents), at 2 and 8 clients;
# the scripts are bench.script's, one statement each.
throughput() {
	local db=$1 size=$2 dir=$LE_TMP/pgbench out=$RESULTS/$2-throughput.csv
	local seconds=${THROUGHPUT_SECONDS:-10} workload way clients ord
	local -A tps
	mkdir -p "$dir"
	psql_q -d "$db" -At -F $'\t' -c "SELECT ord, way, script FROM bench.script" |
		while IFS=$'\t' read -r ord way script; do printf '%s\n' "$script" >"$dir/$way-$ord.sql"; done
	declare -A ords=(
		["default list"]=$(psql_q -d "$db" -At -c "SELECT ord || '@1' FROM bench.request WHERE name = 'default list'")
		["event detail"]=$(psql_q -d "$db" -At -c "SELECT ord || '@1' FROM bench.request WHERE name = 'event detail'")
		[mix]=$(psql_q -d "$db" -At -c "SELECT string_agg(r.ord || '@' || m.weight, ' ' ORDER BY r.ord)
		                               FROM bench.mix m JOIN bench.request r USING (name)"))
	echo "size,workload,clients,linkedevents_tps,floor_tps,floor_over_le" >"$out"
	for workload in "default list" "event detail" mix; do
		for clients in 2 8; do
			for way in linkedevents floor; do
				local args=()
				for ord in ${ords[$workload]}; do
					args+=(-f "$dir/$way-${ord%@*}.sql@${ord#*@}")
				done
				log "  pgbench $workload, $way, $clients clients, $seconds s"
				"$LE_BINDIR/pgbench" -n -T "$seconds" -c "$clients" -j "$clients" "${args[@]}" "$db" \
					>"$dir/out" 2>&1 || sed 's/^/   /' "$dir/out" >&2
				tps[$way]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$dir/out")
			done
			printf '%s,%s,%s,%.0f,%.0f,%s\n' "$size" "$workload" "$clients" "${tps[linkedevents]:-0}" \
				"${tps[floor]:-0}" "$(awk -v l="${tps[linkedevents]:-0}" -v f="${tps[floor]:-0}" \
					'BEGIN { if (l > 0) printf "%.1f", f / l; else print "" }')" >>"$out"
		done
	done
	echo
	echo "== throughput ($size events): pages per second, pgbench -T $seconds; the mix is bench.mix" \
		"(test/bench/requests.sql); target: the default list >= 2000 with 8 clients"
	column -s, -t "$out"
}

micro() {
	local db=$1 size=$2
	psql_q -d "$db" -f test/bench/micro.sql
	echo
	echo "== microbenchmarks ($size events)"
	psql -X -P footer=off -d "$db" -c "
		SELECT name, way, round(ms::numeric, 1) AS total_ms, round(per_item::numeric, 2) AS per_item, unit
		  FROM bench.micro"
	psql_q -d "$db" -c "\\copy (SELECT $size AS size, * FROM bench.micro) TO '$RESULTS/$size-micro.csv' CSV HEADER"
}

chart() {
	local size=$1 width
	width=$(($(wc -l <"$RESULTS/$size.csv") * 16))
	gnuplot <<-EOF
		set terminal pngcairo size $((width > 1200 ? width : 1200)),700 font ",10"
		set output '$RESULTS/$size.png'
		set datafile separator ','
		set title 'linkedevents at $size events: p50 ratios (log scale)'
		set style data histograms
		set style histogram clustered gap 1
		set style fill solid 0.8 border -1
		set logscale y
		set yrange [0.03:*]
		set ytics (0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000)
		set grid ytics
		set xtics rotate by -90 left noenhanced
		set key top left
		set arrow from graph 0, first 3 to graph 1, first 3 nohead dt 2 lc rgb 'gray40'
		set bmargin 24
		plot '$RESULTS/$size.csv' skip 1 using 10:xtic(3) title 'baseline / linkedevents (target >= 3)', \
		     '' skip 1 using 11 title 'linkedevents / floor (target <= 3)'
	EOF
}

ensure_packages gnuplot-nox wrk
. test/bench/http.sh
log "build"
make -s >/dev/null
mkdir -p "$RESULTS"
log "private PostgreSQL and cluster (settings for 2 cores, 24 GiB)"
cluster_setup
# The tuning one would give a 2-core, 24 GiB database server; autovacuum off
# so it cannot start in the middle of a timing (VACUUM ANALYZE runs after
# each load instead).
cluster_start "-c shared_buffers=4GB -c effective_cache_size=16GB -c work_mem=64MB" \
	"-c maintenance_work_mem=1GB -c max_worker_processes=4 -c max_parallel_workers=2" \
	"-c max_parallel_workers_per_gather=1 -c max_parallel_maintenance_workers=1 -c jit=off" \
	"-c random_page_cost=1.1 -c effective_io_concurrency=200 -c max_wal_size=16GB" \
	"-c checkpoint_timeout=1h -c wal_level=minimal -c max_wal_senders=0 -c autovacuum=off"

if [ -n "$SCALING" ]; then
	for size in 30000 300000 1000000; do
		prepare "scale_$size" "$size" scaling
		log "scale_$size: measuring ($(reps_for "$size") runs each, $(base_reps_for "$size") of the baseline)"
		measure "scale_$size" "$size"
		psql_q -d "scale_$size" -c "\\copy (SELECT $size AS size, * FROM bench.report) TO '$RESULTS/scaling-$size.csv' CSV HEADER"
		psql_q -c "DROP DATABASE scale_$size"
	done
	{ head -1 "$RESULTS/scaling-30000.csv"; tail -q -n +2 "$RESULTS"/scaling-{30000,300000,1000000}.csv; } \
		>"$RESULTS/scaling.csv"
	echo
	echo "== scaling: milliseconds (p50/p95), ratios of the p50s"
	cut -d, -f1,3-11 "$RESULTS/scaling.csv" | column -s, -t
	exit 0
fi

if [ -n "${HTTP_ONLY:-}" ]; then
	prepare bench "$SIZE" all
	http_bench bench
	exit 0
fi

prepare bench "$SIZE" all
log "measuring ($(reps_for "$SIZE") runs per request and way, $(base_reps_for "$SIZE") of the baseline)"
measure bench "$SIZE"
report bench "$SIZE"
log "throughput"
throughput bench "$SIZE"
micro bench "$SIZE"
chart "$SIZE"
explain bench "$SIZE"
http_bench bench
log "results in $RESULTS/: $SIZE.csv, $SIZE-throughput.csv, $SIZE-micro.csv, $SIZE.png, $SIZE-explain.txt, http.csv"
