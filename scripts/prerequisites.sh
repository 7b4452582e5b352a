#!/usr/bin/env bash
# Installs what building Attest needs on Debian/Ubuntu, only when it is missing, without questions.
# Sourced by scripts/attest and scripts/test.
set -euo pipefail

attest_missing_debs() {
    local missing=()
    command -v swift >/dev/null 2>&1 || {
        echo "attest: Swift 6.3 is not on PATH; install it from swift.org first." >&2
        exit 1
    }
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists libedit 2>/dev/null || missing+=(libedit-dev)
    pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
    pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
    # The tests also use the sqlite3 shell and GNU time (the peak memory of one process).
    [ -n "${ATTEST_NEEDS_TEST_TOOLS:-}" ] && ! command -v sqlite3 >/dev/null 2>&1 && missing+=(sqlite3)
    [ -n "${ATTEST_NEEDS_TEST_TOOLS:-}" ] && [ ! -x /usr/bin/time ] && missing+=(time)
    # The install and package tests render the man page, load the completions and read the .deb.
    if [ -n "${ATTEST_NEEDS_TEST_TOOLS:-}" ]; then
        command -v man >/dev/null 2>&1 || missing+=(man-db)
        command -v groff >/dev/null 2>&1 || missing+=(groff-base)
        command -v zsh >/dev/null 2>&1 || missing+=(zsh)
        command -v fish >/dev/null 2>&1 || missing+=(fish)
        # The verification page is opened in headless Chromium.
        command -v chromium >/dev/null 2>&1 || missing+=(chromium)
        # The registry's tests start a throwaway PostgreSQL 15 server (initdb and pg_ctl, never the system's cluster).
        compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)
    fi
    # scripts/package (and its test) names the Debian packages behind the libraries with dpkg-shlibdeps.
    [ -n "${ATTEST_NEEDS_TEST_TOOLS:-}${ATTEST_NEEDS_PACKAGING_TOOLS:-}" ] && ! command -v dpkg-shlibdeps >/dev/null 2>&1 &&
        missing+=(dpkg-dev)
    echo "${missing[@]:-}"
}

attest_install_prerequisites() {
    local missing
    missing=$(attest_missing_debs)
    [ -z "$missing" ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            echo "attest: these Debian packages are missing: $missing" >&2
            echo "attest: you are not root and sudo needs a password; run:" >&2
            echo "    sudo apt-get update && sudo apt-get install -y $missing" >&2
            exit 1
        fi
    fi
    echo "attest: installing $missing ..." >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
}
