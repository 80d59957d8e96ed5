#!/usr/bin/env bash
# Whole-process benchmark: `ecs-monitor classify --jsonl` against a plain `grep -ciE` over the same
# ~500k-event file. Prints the best of 3 wall times of each (after one untimed warm-up run of each, so
# the page cache and the launcher's jar are warm), events/s, and ratio = classify / grep against the
# goal of 2.00. Always exits 0 when both commands ran: it reports, it does not gate.
#
# Usage: bench/classify-vs-grep.sh   (from any directory)
# Env:   ECSMONITOR_CORPUS  the JSONL corpus to repeat (default: <repo>/../shared/corpus/dev.jsonl)
#        ECS_MONITOR_JAVA_OPTS is passed on to the JVM by bin/ecs-monitor
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/bin/ecs-monitor"
jar="$root/cli/target/ecs-monitor.jar"
dev_corpus="${ECSMONITOR_CORPUS:-$(dirname "$root")/shared/corpus/dev.jsonl}"
big="$root/bench/target/corpus-500k.jsonl"
min_events=500000
runs=3
goal="2.00"

# One alternative (or a few) per category of shared/spec/classification.md, case-insensitive, as a
# person grepping for "errors" would write it: oom (out of memory, outofmemory, oom, killed), panic,
# fatal (fatal, sigsegv), timeout (timeout, timed out, deadline exceeded), connection_error (refused,
# reset, broken pipe, unreachable), auth_error (denied, unauthorized, forbidden), http_5xx
# (5[0-9][0-9]), python_traceback (traceback), exception, structured_error and error (error, fail).
# It matches more than the classifier flags and judges nothing (levels, access logs, mentions): it is
# the cheapest "find the errors" baseline, not an equivalent.
grep_union='error|fail|fatal|panic|exception|traceback|timeout|timed out|deadline exceeded|refused|reset|broken pipe|unreachable|denied|unauthorized|forbidden|out of memory|outofmemory|oom|killed|sigsegv|5[0-9][0-9]'

die() { echo "classify-vs-grep: $*" >&2; exit 2; }

[ -f "$dev_corpus" ] || die "no corpus at $dev_corpus; set ECSMONITOR_CORPUS to a JSONL file with a \"message\" field"

# --- the jar: the launcher builds it when missing or stale -------------------------------------------
"$launcher" --version > /dev/null

# --- the big corpus: the dev corpus repeated until >= min_events lines -------------------------------
dev_lines=$(grep -c '' "$dev_corpus")
[ "$dev_lines" -gt 0 ] || die "$dev_corpus is empty"
copies=$(( (min_events + dev_lines - 1) / dev_lines ))
dev_bytes=$(stat -c %s "$dev_corpus")
[ "$(tail -c 1 "$dev_corpus" | od -An -c | tr -d ' ')" = '\n' ] || dev_bytes=$(( dev_bytes + 1 ))  # awk ends the last line
events=$(( copies * dev_lines ))
want_bytes=$(( copies * dev_bytes ))
if [ -f "$big" ] && [ "$(stat -c %s "$big")" -eq "$want_bytes" ]; then
  echo "corpus:   $big exists ($events events), reused"
else
  echo "corpus:   writing $big ($copies copies of $dev_corpus) ..."
  mkdir -p "$(dirname "$big")"
  awk -v n="$copies" '{ line[NR] = $0 } END { for (i = 0; i < n; i++) for (j = 1; j <= NR; j++) print line[j] }' \
    "$dev_corpus" > "$big.tmp"
  mv "$big.tmp" "$big"
fi
[ "$(stat -c %s "$big")" -eq "$want_bytes" ] || die "$big has $(stat -c %s "$big") bytes, expected $want_bytes"

# --- timing -------------------------------------------------------------------------------------------
empty="$root/bench/target/empty.jsonl"
: > "$empty"
# The same command over an empty file: JVM start-up, the launcher's checks and the (empty) summary.
run_startup() {
  "$launcher" classify --jsonl "$empty" > /dev/null
}

run_classify() {
  local rc=0
  "$launcher" classify --jsonl "$big" > /dev/null || rc=$?
  [ "$rc" -le 1 ] || die "ecs-monitor classify exited $rc"   # 1 = some lines rejected, still a full run
}

# The count is captured rather than sent to /dev/null on purpose: GNU grep notices a /dev/null stdout
# and stops at the first match (as with -q), which would time nothing but start-up.
grep_count=
run_grep() {
  local rc=0
  grep_count=$(grep -ciE "$grep_union" "$big") || rc=$?
  [ "$rc" -le 1 ] || die "grep exited $rc"   # 1 = no match, still a full scan
}

# time_run FUNCTION: runs it once under bash's `time`; sets wall_ms and cpu_ms (user + sys of the
# process tree). The function's own stderr still goes to ours.
time_run() {
  local fn=$1 tfile real user sys
  local TIMEFORMAT='%3R %3U %3S'
  tfile=$(mktemp)
  { time "$fn" 2>&3; } 3>&2 2> "$tfile"
  read -r real user sys < "$tfile"
  rm -f "$tfile"
  wall_ms=$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 + 0.5 }')
  cpu_ms=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 + 0.5 }')
}

# best_of NAME FUNCTION: one untimed warm-up, then $runs timed runs; sets best_ms (wall), best_cpu_ms
# (CPU of that run) and all_s (every wall time). A sample during which the launcher rebuilt the jar
# (sources changed meanwhile) is discarded.
best_of() {
  local name=$1 fn=$2 stamp attempts=0 kept=0
  "$fn"
  best_ms=
  best_cpu_ms=
  all_s=
  while [ "$kept" -lt "$runs" ]; do
    attempts=$(( attempts + 1 ))
    [ "$attempts" -le $(( runs * 2 )) ] || die "$name: the jar kept being rebuilt during timing; try again later"
    stamp=$(stat -c %Y "$jar" 2> /dev/null || echo 0)
    time_run "$fn"
    if [ "$(stat -c %Y "$jar" 2> /dev/null || echo 0)" != "$stamp" ]; then
      echo "$name: the jar was rebuilt during a timed run; sample discarded" >&2
      continue
    fi
    kept=$(( kept + 1 ))
    all_s="$all_s $(awk -v m="$wall_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
    if [ -z "$best_ms" ] || [ "$wall_ms" -lt "$best_ms" ]; then
      best_ms=$wall_ms
      best_cpu_ms=$cpu_ms
    fi
  done
}

# Wall times mean little on a busy machine: say how busy it was.
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores before timing"
best_of start-up run_startup
startup_ms=$best_ms
startup_cpu_ms=$best_cpu_ms
best_of classify run_classify
classify_ms=$best_ms
classify_cpu_ms=$best_cpu_ms
classify_all=$all_s
best_of grep run_grep
grep_ms=$best_ms
grep_cpu_ms=$best_cpu_ms
grep_all=$all_s

# --- report -------------------------------------------------------------------------------------------
awk -v e="$events" -v c="$classify_ms" -v g="$grep_ms" -v cc="$classify_cpu_ms" -v gc="$grep_cpu_ms" \
    -v goal="$goal" -v ca="$classify_all" -v ga="$grep_all" -v m="$grep_count" -v mb="$want_bytes" \
    -v su="$startup_ms" -v suc="$startup_cpu_ms" '
  function commas(x,   s) { s = sprintf("%d", x); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); return s }
  BEGIN {
    printf "events:   %s (%.1f MB)\n", commas(e), mb / 1e6
    printf "start-up: best %6.3f s wall (%6.3f s CPU): classify --jsonl over an empty file\n", su / 1e3, suc / 1e3
    printf "classify: best %6.3f s wall (%6.3f s CPU) %11s events/s   runs:%s\n", c / 1e3, cc / 1e3, commas(e / (c / 1e3)), ca
    printf "grep:     best %6.3f s wall (%6.3f s CPU) %11s events/s   runs:%s   (%s lines matched)\n", g / 1e3, gc / 1e3, commas(e / (g / 1e3)), ga, commas(m)
    ratio = c / g
    printf "ratio = classify / grep = %.2f   goal <= %s: %s\n", ratio, goal, (sprintf("%.2f", ratio) + 0 <= goal + 0 ? "PASS" : "ABOVE GOAL")
  }'
