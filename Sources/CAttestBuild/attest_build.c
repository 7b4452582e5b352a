// The build stamp: scripts/install, scripts/package and scripts/attest write attest_build_stamp.h
// (ignored by git) before building, so the binary names its commit; without it the commit is "".
#include "attest_build.h"

#if __has_include("attest_build_stamp.h")
#include "attest_build_stamp.h"
#endif

#ifndef ATTEST_BUILD_COMMIT
#define ATTEST_BUILD_COMMIT ""
#endif

const char *attest_build_commit(void) {
    return ATTEST_BUILD_COMMIT;
}
