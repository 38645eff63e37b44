/* SPDX-License-Identifier: GPL-2.0 */
/* Timing for the benchmarks: a monotonic clock, and a check that it is fine-grained. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdio.h>
#include <string.h>
#include <time.h>

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Under TCG the TSC calibration can fail at boot, leaving the jiffies
 * clocksource: timings of a few microseconds are then meaningless. bench.sh
 * tells the guest its TSC rate (tsc_early_khz=) so that it does not
 * calibrate; this check stays, in case it ever does.
 */
static inline int check_clocksource(void)
{
	char name[32] = "";
	FILE *f;

	f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
	if (f) {
		if (!fgets(name, sizeof(name), f))
			name[0] = 0;
		fclose(f);
	}
	if (strncmp(name, "tsc", 3)) {
		fprintf(stderr, "clocksource is '%.*s', not tsc: timings would be too coarse\n",
			(int)strcspn(name, "\n"), name);
		return 2;
	}
	return 0;
}

#endif
