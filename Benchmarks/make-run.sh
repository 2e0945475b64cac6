#!/usr/bin/env bash
# The make-run goals of issue 9, measured (a benchmark, never a timed test):
#   1. `make run` on a fresh clone: under 6 minutes on 2 cores;
#   2. `make run` again after a prose edit of one chapter: under 60 seconds.
# It clones the repository's committed state into a temporary folder, runs `make run` there
# twice around the edit, and prints one line per goal (and, with --json FILE, the figures).
#
# Usage: Benchmarks/make-run.sh [--json FILE] [REPOSITORY]   (default: this repository)
set -euo pipefail

json=""
if [ "${1:-}" = "--json" ]; then json=$2; shift 2; fi
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
branch=$(git -C "$repo" rev-parse --abbrev-ref HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone -q --branch "$branch" "$repo" "$work/clone"
cd "$work/clone"

# Runs `make run`, keeps its output in $work/NAME.log, and prints the wall-clock seconds.
timed_run() {
    local name=$1 start end
    start=$(date +%s.%N)
    if ! make run > "$work/$name.log" 2>&1; then
        echo "make run failed ($name); its last lines:" >&2
        tail -n 30 "$work/$name.log" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }'
}

verdict() { # seconds goal
    awk -v s="$1" -v g="$2" 'BEGIN { print (s < g ? "met" : "MISSED") }'
}

fresh=$(timed_run fresh)

# A prose edit: one sentence after the first heading of the first chapter, which moves every
# block of that chapter down a line (so its #sourceLocation lines change and it is re-tangled).
chapter=$(ls Spec/*.md | head -n 1)
awk 'NR == 1 { print; print ""; print "A sentence added by the make-run benchmark."; next } { print }' "$chapter" > "$work/edited.md"
cp "$work/edited.md" "$chapter"
warm=$(timed_run warm)

cores=$(nproc)
printf 'fresh clone make run:             %7.1f s  (goal < 360 s on 2 cores: %s; %s cores here)\n' "$fresh" "$(verdict "$fresh" 360)" "$cores"
printf 'make run after a prose edit:      %7.1f s  (goal <  60 s: %s; edited %s)\n' "$warm" "$(verdict "$warm" 60)" "$chapter"

if [ -n "$json" ]; then
    printf '{"cores": %s, "fresh_clone_make_run_s": %s, "warm_make_run_after_prose_edit_s": %s}\n' "$cores" "$fresh" "$warm" > "$json"
fi
