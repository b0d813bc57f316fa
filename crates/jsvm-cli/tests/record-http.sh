#!/usr/bin/env bash
# Records what Node prints for every case of tests/http-cases/, as the golden files that
# tests/http.rs compares jsvm against: record-cli.sh (see it for what a case is and what is
# written) on http-cases/. Needs `node` (v20) on PATH; the tests themselves do not.
# Usage: crates/jsvm-cli/tests/record-http.sh [case ...]
#        crates/jsvm-cli/tests/record-http.sh --jsvm PATH case ...
exec "$(dirname "$0")/record-cli.sh" --cases http-cases "$@"
