#!/usr/bin/env bash
# The release build every script shares (scripts/attest, install, package, test): the build stamp
# that `attest --version` prints, then `swift build -c release --static-swift-stdlib --product attest`.
set -euo pipefail

# Writes the commit being built into the stamp header. Outside a git checkout, or without git,
# the stamp says "unknown"; it never stops a build.
attest_write_build_stamp() {
    local root=$1 commit stamp
    commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
    if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        commit="$commit-dirty"
    fi
    stamp="$root/Sources/CAttestBuild/attest_build_stamp.h"
    local content="#define ATTEST_BUILD_COMMIT \"$commit\""
    # Rewritten only when it changes, so an unchanged checkout does not relink.
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$content" ] && return 0
    local fresh=0
    [ -f "$stamp" ] || fresh=1
    printf '%s\n' "$content" >"$stamp"
    # A header that did not exist at the last build is not yet among the C file's dependencies.
    [ "$fresh" = 1 ] && touch "$root/Sources/CAttestBuild/attest_build.c"
    return 0
}

# Stamps and builds the release binary (.build/release/attest); only the first build takes minutes.
attest_build_release() {
    local root=$1 status
    attest_write_build_stamp "$root"
    [ -x "$root/.build/release/attest" ] ||
        echo "attest: building the release binary (the first build takes a few minutes) ..." >&2
    # The static Foundation archive makes the linker warn about its own use of mktemp: not ours, not actionable.
    set +e
    (cd "$root" && swift build -c release --static-swift-stdlib --product attest --quiet 2>&1) |
        grep -v "the use of \`mktemp' is dangerous" >&2
    status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        echo "attest: the release build failed; see the messages above." >&2
        return 1
    fi
}
