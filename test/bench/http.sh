# HTTP throughput of linkedevents-httpd, sourced by test/bench.sh:
# http_bench DB. For three requests, wrk at 8 connections against the
# server (8 threads, so 8 database sessions) next to pgbench running the
# server's call, prepared, with the same arguments at 8 clients: the SQL-only
# rate. The two alternate, HTTP_ROUNDS times of HTTP_SECONDS each,
# and the medians are reported, since the machine may be shared. Then 60 s
# at 64 connections (wrk's timeout 30 s, over the server's 20 s, so that a
# slow answer is not counted as failed): failed requests, and the server's
# RSS before, after 30 s and after the run.
# Results also in bench/results/http.csv.

HTTP_ROUNDS=${HTTP_ROUNDS:-3}
HTTP_SECONDS=${HTTP_SECONDS:-10}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

http_bench() {
	local db=$1 err=$LE_TMP/httpd-bench.err url pid event name path query sql http s h rss errors sampler
	local script=$LE_TMP/httpd-bench.sql
	"$LE_BINDIR/linkedevents-httpd" --listen 127.0.0.1:0 --threads 8 \
		--db "host=$LE_TMP port=$PGPORT dbname=$db" >/dev/null 2>"$err" &
	pid=$!
	for _ in $(seq 100); do grep -q 'listening on' "$err" && break; sleep 0.05; done
	url=$(sed -n 's|^linkedevents-httpd: listening on \(http://[^ ]*/\)v1/ .*|\1|p' "$err")
	event=$(psql -X -At -d "$db" -c "SELECT id FROM linkedevents.event WHERE publication_status = 'public'
		AND NOT deleted AND replaced_by IS NULL AND data_source = 'helsinki' ORDER BY id LIMIT 1")

	echo
	echo "== HTTP: requests/s of linkedevents-httpd (wrk, 8 connections) and of linkedevents.get alone (pgbench, 8 clients), medians of $HTTP_ROUNDS x ${HTTP_SECONDS} s"
	printf '%-26s %10s %10s %7s\n' request sql_rps http_rps ratio
	echo "request,sql_rps,http_rps,ratio" >"$RESULTS/http.csv"
	while IFS='|' read -r name path query; do
		sql= http=
		# pgbench variables are bound values; -D takes no empty one
		echo "SELECT status, location, body FROM linkedevents.get(:path, $([ -n "$query" ] && echo :query || echo "''"), :base);" >"$script"
		for _ in $(seq "$HTTP_ROUNDS"); do
			sql+="$(pgbench -n -M prepared -c 8 -j 2 -T "$HTTP_SECONDS" -D "path=$path" ${query:+-D "query=$query"} \
				-D "base=${url}v1/" -f "$script" -d "$db" </dev/null 2>&1 |
				sed -n 's/^tps = \([0-9.]*\) .*/\1/p')"$'\n'
			http+="$(wrk -t2 -c8 -d"${HTTP_SECONDS}s" "${url}v1/$path${query:+?$query}" </dev/null |
				sed -n 's/^Requests\/sec: *//p')"$'\n'
		done
		s=$(median <<<"${sql%$'\n'}")
		h=$(median <<<"${http%$'\n'}")
		printf '%-26s %10.0f %10.0f %6.0f%%\n' "$name" "$s" "$h" "$(echo "100 * $h / $s" | bc -l)"
		echo "$name,$s,$h,$(echo "$h / $s" | bc -l)" >>"$RESULTS/http.csv"
	done <<-EOF
		default list|event/|
		event detail|event/$event/|
		start=today&sort=start_time|event/|start=today&sort=start_time
	EOF

	# RSS after a warm-up at 64 connections (their threads and stacks), then
	# after the run: a leak would show as the difference
	wrk -t2 -c64 -d5s "${url}v1/event/?start=today&sort=start_time" >/dev/null </dev/null
	rss=$(ps -o rss= -p "$pid")
	(sleep 30 && ps -o rss= -p "$pid" >"$LE_TMP/rss30") &
	sampler=$!
	wrk -t2 -c64 -d60s --timeout 30s "${url}v1/event/?start=today&sort=start_time" >"$LE_TMP/wrk64.out" </dev/null
	errors=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p; s/^ *Socket errors: *//p' "$LE_TMP/wrk64.out")
	echo
	echo "== HTTP: 60 s at 64 connections (start=today&sort=start_time)"
	sed -n 's/^ *\([0-9]* requests in .*\)/\1/p; s/^Requests\/sec: */requests\/s: /p' "$LE_TMP/wrk64.out"
	echo "failed requests: ${errors:-none}"
	wait "$sampler"
	echo "server RSS: $rss kB before, $(cat "$LE_TMP/rss30") kB after 30 s, $(ps -o rss= -p "$pid") kB after"
	kill -TERM "$pid"
	wait "$pid" || true
}
