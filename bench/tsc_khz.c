// SPDX-License-Identifier: GPL-2.0
/*
 * The host's TSC frequency in kHz, for scripts/bench.sh: under TCG the
 * guest's TSC runs at the host's rate, and passing that rate on the guest's
 * command line (tsc_early_khz=) spares the guest its calibration against the
 * emulated PIT, which fails on a loaded host and leaves the kernel on the
 * jiffies clocksource. Measured against CLOCK_MONOTONIC_RAW over five 100 ms
 * windows; the median is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <x86intrin.h>

#define WINDOWS 5

static double mono_raw(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(void)
{
	double khz[WINDOWS], t0, t1;
	unsigned long long c0, c1;
	int i;

	for (i = 0; i < WINDOWS; i++) {
		t0 = mono_raw();
		c0 = __rdtsc();
		do
			t1 = mono_raw();
		while (t1 - t0 < 0.1);
		c1 = __rdtsc();
		khz[i] = (c1 - c0) / (t1 - t0) / 1e3;
	}
	qsort(khz, WINDOWS, sizeof(khz[0]), cmp_double);
	printf("%.0f\n", khz[WINDOWS / 2]);
	return 0;
}
