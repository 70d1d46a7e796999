# linkedevents — PGXS build.
#
#   make                 build the module, the install script and
#                        linkedevents-httpd (src/httpd/)
#   make install         install into the PostgreSQL that PG_CONFIG names
#   make test            everything CI runs: packages, build, unit tests,
#                        a throwaway cluster, pg_regress (test/run.sh)
#   make demo            a cluster with demo data and a tour (test/demo.sh)
#   make bench           benchmarks (test/bench.sh): SIZE=30000 by default,
#                        REPS=n runs per request, SCALING=1 for 30k/300k/1M

EXTENSION  = linkedevents
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = linkedevents
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PGFILEDESC = "linkedevents - Linked Events API inside PostgreSQL"

# The install script is assembled from the numbered parts in src/sql/.
DATA_built = $(EXTENSION)--$(EXTVERSION).sql

# One pg_regress file per feature, run in name order.
REGRESS      = $(basename $(notdir $(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --encoding=UTF8
# Isolation tests (concurrent sessions), after the regression files.
ISOLATION      = $(basename $(notdir $(sort $(wildcard specs/*.spec))))
ISOLATION_OPTS = --encoding=UTF8

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PG_CPPFLAGS = -Isrc

# No JIT bitcode: it needs clang, and nothing here is worth inlining.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Every object is rebuilt when a header changes (the headers share structs).
$(OBJS): $(wildcard src/*.h)

$(EXTENSION)--$(EXTVERSION).sql: $(sort $(wildcard src/sql/*.sql))
	cat $^ > $@

# The HTTP front end is a program of its own (src/httpd/Makefile), built,
# installed into PG_CONFIG's bindir and cleaned with the module.
all: httpd
install: install-httpd
clean: clean-httpd
httpd:
	$(MAKE) -C src/httpd PG_CONFIG=$(PG_CONFIG)
install-httpd: httpd
	$(MAKE) -C src/httpd install PG_CONFIG=$(PG_CONFIG)
clean-httpd:
	$(MAKE) -C src/httpd clean

.PHONY: test demo bench unit httpd install-httpd clean-httpd
test:
	bash test/run.sh

unit:
	$(MAKE) -C test/unit run

demo:
	bash test/demo.sh

SIZE ?= 30000
bench:
	SCALING='$(SCALING)' REPS='$(REPS)' bash test/bench.sh $(SIZE)
