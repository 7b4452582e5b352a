/*
 * The frozen-wall-clock attack of issue #13, as an adversary would mount it: loaded with LD_PRELOAD, this
 * shim stops the wall clock at the first moment the process reads it. Every later read of CLOCK_REALTIME
 * (and its coarse variant), gettimeofday() and time() returns that same moment, while every other clock
 * (CLOCK_MONOTONIC, CLOCK_BOOTTIME, ...) keeps running. FrozenWallClockTests compiles it at test time:
 *
 *     clang -shared -fPIC -o frozen_wall_clock.so frozen_wall_clock.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/time.h>
#include <time.h>

typedef int (*clock_gettime_function)(clockid_t, struct timespec *);

static clock_gettime_function real_clock_gettime;
static struct timespec frozen;
static pthread_once_t freezing = PTHREAD_ONCE_INIT;

/* Looks up libc's clock_gettime and reads the moment the wall clock stays at. */
static void freeze(void) {
    real_clock_gettime = (clock_gettime_function)dlsym(RTLD_NEXT, "clock_gettime");
    real_clock_gettime(CLOCK_REALTIME, &frozen);
}

int clock_gettime(clockid_t clock, struct timespec *time) {
    pthread_once(&freezing, freeze);
    if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE) {
        *time = frozen;
        return 0;
    }
    return real_clock_gettime(clock, time);
}

int gettimeofday(struct timeval *restrict time, void *restrict zone) {
    (void)zone;
    pthread_once(&freezing, freeze);
    time->tv_sec = frozen.tv_sec;
    time->tv_usec = frozen.tv_nsec / 1000;
    return 0;
}

time_t time(time_t *result) {
    pthread_once(&freezing, freeze);
    if (result != NULL) *result = frozen.tv_sec;
    return frozen.tv_sec;
}
