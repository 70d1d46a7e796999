# Shared by test/run.sh, test/demo.sh and test/bench.sh (sourced, not run).
#
# A private PostgreSQL: the system's PostgreSQL 15 tree is copied into a
# temporary directory, the extension is installed into that copy, and a
# throwaway cluster is started from it with its socket in the same directory.
# Nothing outside the directory is written, so several runs (and several
# checkouts) can test side by side, and the system installation is untouched.

PG_VERSION_MAJOR=15
PG_SYSTEM_BINDIR=/usr/lib/postgresql/$PG_VERSION_MAJOR/bin
PG_SYSTEM_SHAREDIR=/usr/share/postgresql/$PG_VERSION_MAJOR
PG_SYSTEM_LIBDIR=/usr/lib/postgresql/$PG_VERSION_MAJOR/lib

# Debian packages the build and the tests need.
LE_PACKAGES="build-essential postgresql-$PG_VERSION_MAJOR postgresql-server-dev-$PG_VERSION_MAJOR
postgresql-$PG_VERSION_MAJOR-postgis-3 libvoikko-dev voikko-fi
libmicrohttpd-dev libpq-dev zlib1g-dev curl chromium"

log() { printf '== %s\n' "$*" >&2; }

# Install whatever of LE_PACKAGES (plus "$@") is missing.
ensure_packages() {
	local missing=() p
	for p in $LE_PACKAGES "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		log "missing packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
		return 1
	fi
	log "installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run a command as the owner of the cluster: postgres when we are root.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# cluster_setup: a temp directory with a private PostgreSQL tree holding this
# build of the extension. Sets LE_TMP, LE_BINDIR and an EXIT trap that removes
# everything again (also on Ctrl-C).
cluster_setup() {
	LE_TMP=$(mktemp -d /tmp/linkedevents.XXXXXX)
	chmod 755 "$LE_TMP"
	trap cluster_cleanup EXIT
	trap 'exit 130' INT TERM
	local root=$LE_TMP/root
	mkdir -p "$root$(dirname "$PG_SYSTEM_SHAREDIR")" "$root$(dirname "$PG_SYSTEM_LIBDIR")"
	cp -a "$PG_SYSTEM_SHAREDIR" "$root$(dirname "$PG_SYSTEM_SHAREDIR")/"
	cp -a "$(dirname "$PG_SYSTEM_LIBDIR")" "$root$(dirname "$(dirname "$PG_SYSTEM_LIBDIR")")/"
	make -s install DESTDIR="$root" >/dev/null
	LE_BINDIR=$root$PG_SYSTEM_BINDIR
}

# cluster_start [extra postgres options]: initdb and start; exports PGHOST,
# PGPORT, PGUSER for psql and pg_regress.
cluster_start() {
	local data=$LE_TMP/data
	mkdir -p "$data"
	[ "$(id -u)" -eq 0 ] && chown postgres "$data" "$LE_TMP"
	as_pg "$LE_BINDIR/initdb" -D "$data" -A trust -U postgres -E UTF8 \
		--locale=C.UTF-8 >"$LE_TMP/initdb.log" 2>&1 ||
		{ cat "$LE_TMP/initdb.log" >&2; return 1; }
	LE_PG_OPTIONS="-k $LE_TMP -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off $*"
	cluster_server start || { cat "$LE_TMP/server.log" >&2; return 1; }
	export PGHOST=$LE_TMP PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
}

# cluster_server start|stop: the server of that cluster alone, with the same
# options (the HTTP tests stop it and start it again).
cluster_server() {
	if [ "$1" = start ]; then
		as_pg "$LE_BINDIR/pg_ctl" -D "$LE_TMP/data" -l "$LE_TMP/server.log" -w -o "$LE_PG_OPTIONS" start >/dev/null
	else
		as_pg "$LE_BINDIR/pg_ctl" -D "$LE_TMP/data" -m fast -w stop >/dev/null
	fi
}

cluster_stop() {
	[ -n "${LE_TMP:-}" ] && [ -f "$LE_TMP/data/postmaster.pid" ] &&
		as_pg "$LE_BINDIR/pg_ctl" -D "$LE_TMP/data" -m immediate stop >/dev/null 2>&1
	return 0
}

cluster_cleanup() {
	cluster_stop
	[ -n "${LE_TMP:-}" ] && rm -rf "$LE_TMP"
	return 0
}
