# The HTTP tests of linkedevents-httpd (sourced by test/run.sh after
# cluster_setup and cluster_start): the installed program on free loopback
# ports against a database of its own in the test cluster, driven with curl,
# and the browsable page in headless Chromium. http_tests prints
# "http: N passed, N failed" and fails when any check failed.

HTTP_DB=httpd_test
HTTP_OUT=test/out
HTTP_PASSED=0
HTTP_FAILED=0

# check NAME COMMAND...: one assertion; prints only failures.
check() {
	local name=$1
	shift
	if "$@"; then
		HTTP_PASSED=$((HTTP_PASSED + 1))
	else
		HTTP_FAILED=$((HTTP_FAILED + 1))
		echo "FAIL http: $name" >&2
	fi
}
eq() { [ "$1" = "$2" ] || { printf '  expected [%s]\n  got      [%s]\n' "$2" "$1" >&2; return 1; }; }
has() { grep -qiF -- "$2" <<<"$1" || { printf '  [%s] lacks [%s]\n' "${1:0:300}" "$2" >&2; return 1; }; }
lacks() { ! grep -qiF -- "$2" <<<"$1" || { printf '  [%s] has [%s]\n' "${1:0:300}" "$2" >&2; return 1; }; }

# server NAME [ENV=VALUE...] -- [FLAGS...]: starts the program on a free port
# and sets NAME_URL, NAME_PID; its access log and messages go to $LE_TMP.
server() {
	local name=$1 env=() log=$LE_TMP/httpd-$1 url
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do env+=("$1"); shift; done
	shift
	rm -f "$log.err"			# the redirection below happens in the child
	env "${env[@]}" "$LE_BINDIR/linkedevents-httpd" --listen 127.0.0.1:0 \
		--db "host=$LE_TMP port=$PGPORT user=postgres dbname=$HTTP_DB" "$@" \
		>"$log.access" 2>"$log.err" &
	printf -v "${name}_PID" %s $!
	for _ in $(seq 200); do
		grep -q '^linkedevents-httpd: listening on .* threads$' "$log.err" 2>/dev/null && break
		sleep 0.05
	done
	printf -v "${name}_URL" %s "$(sed -n 's|^linkedevents-httpd: listening on \(http://[^ ]*/\)v1/ .*|\1|p' "$log.err")"
	url=${name}_URL
	[ -n "${!url}" ] || cat "$log.err" >&2
}

# fetch ARGS...: curl; sets STATUS, HEADERS (CR removed) and BODY.
fetch() {
	local out=$LE_TMP/http-body
	rm -f "$out"
	HEADERS=$(curl -s -g -D - -o "$out" "$@" | tr -d '\r') || true
	STATUS=$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' <<<"$HEADERS")
	BODY=$(cat "$out" 2>/dev/null)
}
header_of() { sed -n "s/^$1: //Ip" <<<"$HEADERS" | head -1; }

# sql_get PATH QUERY BASE [SETTINGS]: the body linkedevents.get answers.
sql_get() {
	psql -X -q -At -d "$HTTP_DB" -v path="$1" -v query="$2" -v base="$3" <<-SQL
		${4:-}
		SELECT coalesce(body::text, location) FROM linkedevents.get(:'path', :'query', :'base')
	SQL
}

http_tests() {
	local A B C E R D ORG help option bad host path method etag gz long ids page next second pid slow
	createdb "$HTTP_DB"
	psql -X -q -d "$HTTP_DB" -c "CREATE EXTENSION linkedevents CASCADE" 2>&1 | grep -v '^NOTICE' || true
	psql -X -q -d "$HTTP_DB" -v size=300 -f test/generate.sql
	E=$(psql -X -At -d "$HTTP_DB" -c "SELECT id FROM linkedevents.event WHERE publication_status = 'public' AND NOT deleted AND replaced_by IS NULL AND publisher = 'ahjo:u000025' ORDER BY id LIMIT 1")
	R=$(psql -X -At -d "$HTTP_DB" -c "SELECT id FROM linkedevents.event WHERE replaced_by IS NOT NULL ORDER BY id LIMIT 1")
	D=$(psql -X -At -d "$HTTP_DB" -c "SELECT id FROM linkedevents.event WHERE deleted AND replaced_by IS NULL ORDER BY id LIMIT 1")
	ORG=ahjo:u000004			# an ancestor of ahjo:u000025 in the generated tree

	# --- the program: --help, bad options (flags and environment) ---
	help=$("$LE_BINDIR/linkedevents-httpd" --help)
	for option in --listen --db --base-url --prefix --trust-proxy --threads --timeout \
		--cache-control --user-header --organizations-header; do
		check "--help names $option" has "$help" "$option"
	done
	for bad in --threads=0 --timeout=abc --timeout=0 --base-url=ftp://x --listen=8080 --nonsense; do
		check "$bad exits 2" bash -c '"$1" "$2" 2>/dev/null; [ $? -eq 2 ]' _ "$LE_BINDIR/linkedevents-httpd" "$bad"
	done
	check "LINKEDEVENTS_THREADS=0 exits 2" bash -c 'LINKEDEVENTS_THREADS=0 "$1" 2>/dev/null; [ $? -eq 2 ]' _ "$LE_BINDIR/linkedevents-httpd"

	# A: the defaults. B: prefix, proxy headers, authentication headers, one
	# thread (so that every request reuses one session), a 1 s timeout, the
	# cache header from the environment. C: a fixed base URL.
	server A --
	server B LINKEDEVENTS_CACHE_CONTROL='public, max-age=5' -- --prefix linkedevents --trust-proxy \
		--user-header X-User --organizations-header X-Organizations --threads 1 --timeout 1
	server C -- --base-url https://api.example.org/le/v1
	A=$A_URL B=$B_URL C=$C_URL
	check "servers started" test -n "$A" -a -n "$B" -a -n "$C"

	# --- mapping: the body is linkedevents.get's, statuses as it says ---
	fetch "${A}v1/event/?page_size=3&sort=start_time"
	check "list 200" eq "$STATUS" 200
	check "list body = linkedevents.get" eq "$BODY" "$(sql_get event/ 'page_size=3&sort=start_time' "${A}v1/")"
	check "Content-Type" eq "$(header_of Content-Type)" application/json
	check "Allow" eq "$(header_of Allow)" "GET, HEAD, OPTIONS"
	check "CORS origin" eq "$(header_of Access-Control-Allow-Origin)" "*"
	check "Cache-Control default" eq "$(header_of Cache-Control)" "public, max-age=60"
	check "Vary" eq "$(header_of Vary)" "Accept, Accept-Encoding"
	check "strong ETag" bash -c '[[ $1 =~ ^\"[0-9a-f]{16}\"$ ]]' _ "$(header_of ETag)"
	fetch "${A}v1/event/$E"
	check "detail without slash" eq "$BODY" "$(sql_get "event/$E/" '' "${A}v1/")"
	fetch "${A}v1/event/$R/?format=json"
	check "replaced event 301" eq "$STATUS" 301
	check "301 Location" eq "$(header_of Location)" "$(sql_get "event/$R/" 'format=json' "${A}v1/")"
	check "301 empty body" eq "$BODY" ""
	fetch "${A}v1/event/$D/"
	check "deleted event 410" eq "$STATUS:$BODY" '410:{"detail":"Event has been deleted."}'
	fetch "${A}v1/event/helsinki:nope/"
	check "unknown id 404" eq "$STATUS:$BODY" '404:{"detail":"Not found."}'
	fetch "${A}v1/event/?start=garbage"
	check "bad parameter 400" eq "$STATUS:$BODY" '400:{"detail":"time in invalid format (try ISO 8601 or yyyy-mm-dd)"}'
	fetch "${A}v1/event/?format=xml"
	check "unknown format 404" eq "$STATUS" 404
	# the content API (seed 004): /v2/content/..., its errors as problem details
	psql -X -q -d "$HTTP_DB" -v doc="$(cat test/fixtures/004_photos_two_cultures.json)" \
		<<<"SELECT linkedevents.import(:'doc'::jsonb, 'photo')" >/dev/null
	fetch "${A}v2/content/en-us/photos?\$limit=2"
	check "photos 200" eq "$STATUS" 200
	# (generatedAt is the time of each answer)
	check "photos body = linkedevents.get" eq "$(sed 's/"generatedAt":"[^"]*"//' <<<"$BODY")" \
		"$(sql_get /v2/content/en-us/photos '$limit=2' "${A}v1/" | sed 's/"generatedAt":"[^"]*"//')"
	check "photos Content-Type" eq "$(header_of Content-Type)" application/json
	fetch "${A}v2/content/en-us/photos?\$limit=abc"
	check "photos 400" eq "$STATUS" 400
	check "photos 400 problem details" eq "$(header_of Content-Type)" application/problem+json
	check "photos 400 body" has "$BODY" '"title":"Bad Request"'
	fetch "${A}v2/content/xx-yy/photos"
	check "photos unknown culture 404" eq "$STATUS:$(header_of Content-Type)" 404:application/problem+json
	fetch -H 'X-Forwarded-Host: ignored.example' "${B}v2/content/fi-fi/photos?\$limit=1"
	check "photos under a prefix" eq "$STATUS" 200
	for path in "" robots.txt v1x/event/ v2/event/ event/ v1/nope/; do
		fetch "${A}$path"
		check "unknown top path /$path 404" eq "$STATUS:$BODY" '404:{"detail":"Not found."}'
	done
	fetch "${A}v1/event/?text=%FF%FE&page_size=1"
	check "bad UTF-8 escape in a value: answered" eq "$STATUS" 200
	fetch "${A}v1/event/?text="$'\xff'"&page_size=1"
	check "raw non-UTF-8 byte: answered, not 500" eq "$STATUS" 200
	fetch "${A}v1/event/"$'\xff'"/"
	check "raw non-UTF-8 byte in the path: 404" eq "$STATUS" 404

	# --- base URL: Host, --trust-proxy, --base-url, --prefix ---
	fetch -H 'Host: events.example.org:8443' "${A}v1/event/?page_size=1"
	check "base URL from Host" has "$BODY" '"next":"http://events.example.org:8443/v1/event/?page=2&page_size=1"'
	for host in 'a b' 'evil.org/x' 'x"y' '[::1' 'h:99999999' 'h:'; do
		fetch -H "Host: $host" "${A}v1/event/?page_size=1"
		check "bad Host [$host] 400" eq "$STATUS:$BODY" '400:{"detail":"Invalid Host header."}'
	done
	fetch -H 'Host: [::1]:80' "${A}v1/language/"
	check "IPv6 Host" has "$BODY" '"@id":"http://[::1]:80/v1/language/'
	fetch -H 'X-Forwarded-Host: proxy.example.org' -H 'X-Forwarded-Proto: https' "${A}v1/language/"
	check "forwarded headers ignored without --trust-proxy" lacks "$BODY" proxy.example.org
	fetch -H 'X-Forwarded-Host: proxy.example.org, inner' -H 'X-Forwarded-Proto: https' "${B}v1/language/"
	check "--trust-proxy and --prefix" has "$BODY" '"@id":"https://proxy.example.org/linkedevents/v1/language/'
	fetch -H 'X-Forwarded-Proto: gopher' "${B}v1/language/"
	check "bad X-Forwarded-Proto 400" eq "$STATUS" 400
	fetch "${B%linkedevents/}v1/language/"
	check "outside the prefix 404" eq "$STATUS:$BODY" '404:{"detail":"Not found."}'
	fetch -H 'Host: ignored.example.org' "${C}v1/event/$E/"
	check "--base-url" eq "$BODY" "$(sql_get "event/$E/" '' https://api.example.org/le/v1/)"

	# --- conditional requests ---
	fetch "${A}v1/event/?page_size=2"
	etag=$(header_of ETag)
	fetch -H "If-None-Match: $etag" "${A}v1/event/?page_size=2"
	check "If-None-Match 304" eq "$STATUS:$BODY" 304:
	check "304 keeps ETag and Cache-Control" eq "$(header_of ETag)|$(header_of Cache-Control)" "$etag|public, max-age=60"
	fetch -H "If-None-Match: \"x\", W/$etag" "${A}v1/event/?page_size=2"
	check "If-None-Match list with W/ 304" eq "$STATUS" 304
	fetch -H 'If-None-Match: *' "${A}v1/event/?page_size=2"
	check "If-None-Match * 304" eq "$STATUS" 304
	fetch -H 'If-None-Match: "0000000000000000"' "${A}v1/event/?page_size=2"
	check "other ETag 200" eq "$STATUS" 200
	fetch -H "If-None-Match: $etag" "${A}v1/event/?page_size=3"
	check "other page, other ETag" eq "$STATUS" 200
	check "ETag over the body: same body, same tag" eq "$(curl -s -D - -o /dev/null "${A}v1/event/?page_size=2" | tr -d '\r' | sed -n 's/^ETag: //Ip')" "$etag"

	# --- gzip ---
	fetch --compressed "${A}v1/event/?page_size=20"
	gz=$BODY
	check "gzip when accepted" eq "$(header_of Content-Encoding)" gzip
	check "gzip decodes to the body" eq "$gz" "$(sql_get event/ page_size=20 "${A}v1/")"
	check "gzip ETag is another tag" bash -c '[[ $1 =~ -gzip\"$ ]]' _ "$(header_of ETag)"
	fetch -H 'Accept-Encoding: gzip;q=0, deflate' "${A}v1/event/?page_size=20"
	check "gzip;q=0: identity" eq "$(header_of Content-Encoding)|$BODY" "|$gz"
	fetch -H 'Accept-Encoding: gzip' "${A}v1/event/helsinki:nope/"
	check "small bodies not compressed" eq "$(header_of Content-Encoding)|$BODY" '|{"detail":"Not found."}'

	# --- HEAD, methods, length, CORS ---
	fetch -I "${A}v1/event/?page_size=5"
	check "HEAD 200" eq "$STATUS" 200
	check "HEAD: Content-Length of the GET" eq "$(header_of Content-Length)" \
		"$(curl -s -o /dev/null -w '%{size_download}' "${A}v1/event/?page_size=5")"
	check "HEAD: no body" eq "$(curl -s -I -o /dev/null -w '%{size_download}' "${A}v1/event/?page_size=5")" 0
	for method in POST PUT PATCH DELETE; do
		fetch -X "$method" -d '{}' "${A}v1/event/"
		check "$method 405" eq "$STATUS:$BODY" "405:{\"detail\":\"Method \\\"$method\\\" not allowed.\"}"
		check "$method 405 Allow" eq "$(header_of Allow)" "GET, HEAD, OPTIONS"
	done
	long=$(head -c 8200 /dev/zero | tr '\0' a)
	fetch "${A}v1/event/?text=$long"
	check "URL over 8 kB 414" eq "$STATUS:$BODY" '414:{"detail":"Request URI too long."}'
	fetch "${A}v1/event/?text=${long:0:8000}"
	check "URL under 8 kB answered" eq "$STATUS" 200
	fetch "${A}v1/event/?text=$long$long$long$long$long"
	check "URL over the connection memory 414" eq "$STATUS" 414
	fetch -X OPTIONS -H 'Origin: https://app.example.org' -H 'Access-Control-Request-Method: GET' \
		-H 'Access-Control-Request-Headers: x-requested-with, accept' "${A}v1/event/"
	check "preflight 204" eq "$STATUS" 204
	check "preflight headers" eq "$(header_of Access-Control-Allow-Origin)|$(header_of Access-Control-Allow-Methods)|$(header_of Access-Control-Allow-Headers)|$(header_of Access-Control-Max-Age)" \
		"*|GET, HEAD, OPTIONS|x-requested-with, accept|86400"
	fetch -X OPTIONS -H 'Access-Control-Request-Headers: x(y)' "${A}v1/event/"
	check "odd request headers not echoed" eq "$STATUS|$(header_of Access-Control-Allow-Headers)" "204|"

	# --- authenticated views ---
	fetch -H "X-User: u1" -H "X-Organizations: $ORG" "${A}v1/event/?admin_user=true&page_size=1"
	check "headers ignored without the flags" has "$BODY" '"count":0,'
	check "... and the answer stays public" eq "$(header_of Cache-Control)" "public, max-age=60"
	fetch -H "X-Organizations: $ORG" "${B}v1/event/?admin_user=true&page_size=1"
	check "--organizations-header sets user_organizations" eq "$BODY" \
		"$(sql_get event/ 'admin_user=true&page_size=1' "${B}v1/" "SET linkedevents.user_organizations = '$ORG';")"
	check "... and the answer is not the anonymous one" lacks "$BODY" '"count":0,'
	check "authenticated: not cached" eq "$(header_of Cache-Control)|$(header_of ETag)" "private, no-store|"
	fetch -H "X-User: u1" -H "X-Organizations: $ORG" "${B}v1/event/$E/"
	check "--user-header sets user_id" eq "$BODY" \
		"$(sql_get "event/$E/" '' "${B}v1/" "SET linkedevents.user_id = 'u1'; SET linkedevents.user_organizations = '$ORG';")"
	check "Vary names the headers" eq "$(header_of Vary)" "Accept, Accept-Encoding, X-User, X-Organizations"
	fetch "${B}v1/event/?admin_user=true&page_size=1"
	check "settings end with the request (same session)" has "$BODY" '"count":0,'
	check "anonymous answer: env Cache-Control" eq "$(header_of Cache-Control)" "public, max-age=5"
	fetch -H "X-User: x'); DROP TABLE linkedevents.event; --" -H "X-Organizations: $ORG'--" "${B}v1/event/?page_size=1"
	check "hostile user values are bound" eq "$STATUS:$(psql -X -At -d "$HTTP_DB" -c 'SELECT count(*) > 0 FROM linkedevents.event')" 200:t
	fetch -H "X-User: "$'\xff' "${B}v1/event/?page_size=1"
	check "non-UTF-8 user 400" eq "$STATUS:$BODY" '400:{"detail":"Invalid authentication header."}'

	# --- the browsable API ---
	fetch "${A}v1/event/?format=api&page_size=2&x=<script>alert(1)</script>\"'"
	check "format=api: HTML" eq "$STATUS|$(header_of Content-Type)" "200|text/html; charset=utf-8"
	check "no script in the page" lacks "$BODY" "<script"
	check "hostile query escaped" has "$BODY" "x=&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"
	check "no script allowed" eq "$(header_of Content-Security-Policy)" "default-src 'none'; style-src 'unsafe-inline'"
	check "status line" has "$BODY" "<b>HTTP 200 OK</b>"
	check "URLs are links" has "$BODY" "\"<a href=\"${A}v1/place/"
	check "next link" has "$BODY" "<a id=\"next\" rel=\"next\" href=\"${A}v1/event/?format=api&amp;page=2&amp;page_size=2&amp;x=%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%27\">"
	check "pretty-printed" has "$BODY" $'{\n    "meta": {\n        "count": '
	fetch -H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8' "${A}v1/event/helsinki:nope/"
	check "browser Accept: HTML 404" eq "$STATUS|$(header_of Content-Type)" "404|text/html; charset=utf-8"
	check "... with the detail" has "$BODY" '"detail": "Not found."'
	fetch -H 'Accept: application/json, text/html;q=0.5' "${A}v1/language/"
	check "JSON preferred: JSON" eq "$(header_of Content-Type)" application/json
	fetch -H 'Accept: text/html' "${A}v1/language/?format=json"
	check "format=json wins over Accept" eq "$(header_of Content-Type)" application/json
	fetch "${A}v1/language/?format=json-ld"
	check "format=json-ld" eq "$(header_of Content-Type)" application/ld+json

	# Headless Chromium: the page, then the page its "next" link names.
	mkdir -p "$HTTP_OUT"
	chrome() {
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run --disable-extensions \
			--user-data-dir="$LE_TMP/chromium" "$@" 2>/dev/null
	}
	page=$(chrome --dump-dom "${A}v1/event/?page_size=2")
	next=$(sed -n 's/.*<a id="next" rel="next" href="\([^"]*\)".*/\1/p' <<<"$page" | sed 's/&amp;/\&/g')
	check "browser: list page as HTML" has "$page" '<h1>Linked Events API</h1>'
	check "browser: next link" eq "$next" "${A}v1/event/?page=2&page_size=2"
	second=$(chrome --dump-dom "$next")
	ids=$(sql_get event/ 'page=2&page_size=2' "${A}v1/" | grep -o '"id":"[^"]*","has_user' | cut -d'"' -f4)
	check "browser: second page" has "$second" "\"id\": \"$(head -1 <<<"$ids")\""
	check "browser: its previous link" has "$second" "<a id=\"previous\" rel=\"prev\" href=\"${A}v1/event/?page_size=2\">"
	rm -f "$HTTP_OUT/httpd_browsable_api.png"
	chrome --screenshot="$PWD/$HTTP_OUT/httpd_browsable_api.png" --window-size=1200,900 "$next" >/dev/null
	check "browser: screenshot" test -s "$HTTP_OUT/httpd_browsable_api.png"

	# --- the access log ---
	check "access log: common log format with duration" grep -qE \
		'^127\.0\.0\.1 - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9:]{8} \+0000\] "GET /v1/event/\?page_size=5 HTTP/1\.1" 200 [0-9]+ [0-9]+\.[0-9]{6}$' \
		"$LE_TMP/httpd-A.access"
	check "access log: quotes escaped" grep -qF 'x=<script>alert(1)</script>\x22' "$LE_TMP/httpd-A.access"
	check "access log: user" grep -qE '^127\.0\.0\.1 - u1 \[' "$LE_TMP/httpd-B.access"

	# --- the database away, a slow call, SIGTERM ---
	cluster_server stop
	fetch "${A}v1/event/?page_size=1"
	check "database down: 503" eq "$STATUS:$BODY" '503:{"detail":"Service temporarily unavailable, try again later."}'
	check "503 Retry-After, not cached" eq "$(header_of Retry-After)|$(header_of Cache-Control)" "5|no-store"
	cluster_server start
	for _ in $(seq 40); do
		fetch "${A}v1/event/?page_size=1"
		[ "$STATUS" = 200 ] && break
		sleep 0.25
	done
	check "database back: the pool recovers" eq "$STATUS" 200
	check "outage logged" grep -q '^linkedevents-httpd: database unavailable: ' "$LE_TMP/httpd-A.err"

	# A lock makes the call wait: B (1 s timeout) answers 503, and keeps its
	# session; C, told to stop meanwhile, finishes the request first.
	psql -X -q -d "$HTTP_DB" -c "BEGIN; LOCK linkedevents.event; SELECT pg_sleep(3); COMMIT" >/dev/null &
	pid=$!
	sleep 0.5
	fetch "${B}v1/event/?page_size=1"
	check "over the timeout: 503" eq "$STATUS:$(header_of Retry-After)" 503:5
	curl -s -o "$LE_TMP/http-slow" -w '%{http_code}' "${C}v1/event/?page_size=1" >"$LE_TMP/http-slow-status" &
	slow=$!
	sleep 0.5
	kill -TERM "$C_PID"
	wait "$C_PID"
	check "SIGTERM: exit 0" eq "$?" 0
	wait "$pid" "$slow"
	check "SIGTERM: the request in flight finished" eq "$(cat "$LE_TMP/http-slow-status")" 200
	check "SIGTERM: logged" grep -q 'finishing 1 requests in flight' "$LE_TMP/httpd-C.err"
	check "SIGTERM: no longer listening" bash -c '! curl -s "$1" >/dev/null' _ "${C}v1/language/"
	fetch "${B}v1/event/?page_size=1"
	check "after the timeout the session serves again" eq "$STATUS" 200

	kill -TERM "$A_PID" "$B_PID"
	wait "$A_PID" "$B_PID" || true
	echo "http: $HTTP_PASSED passed, $HTTP_FAILED failed"
	[ "$HTTP_FAILED" -eq 0 ]
}
