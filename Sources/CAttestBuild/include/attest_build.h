#ifndef ATTEST_BUILD_H
#define ATTEST_BUILD_H

/// The commit this binary was built from, as `git describe`-like text ("3f2a9c1", "3f2a9c1-dirty"),
/// or "" when the build was not stamped (a plain `swift build`, or a checkout without git).
const char *attest_build_commit(void);

#endif
