/*
 * main.c
 *	  Runs every layer-1 test suite and prints "N passed, N failed".
 *
 * A suite is a function listed in SUITES below, defined in its own file.
 */
#include "unit.h"

int			unit_passed = 0;
int			unit_failed = 0;

#define SUITES(X) \
	X(test_querystring) \
	X(test_scalar) \
	X(test_time) \
	X(test_filter) \
	X(test_photo) \
	X(test_fuzz)

#define DECLARE(name) void name(void);
SUITES(DECLARE)

int
main(void)
{
#define RUN(name) name();
	SUITES(RUN)
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}
