#!/bin/bash
# Instructions executed in the SchedulingBasic measured window (window.mjs), counted by callgrind:
# deterministic to about 0.01% run to run, where wall time on this shared machine swings 2x.
#   bench/instructions/count.sh DIST [WARM] [RUNS]     (DIST: a dist-bench folder; default 6 and 2)
#   NODE_FLAGS="..." bench/instructions/count.sh DIST   (node flags; default: the ones podsim bench runs its suites under, src/cli/node-flags.ts)
# Prints the instruction total over RUNS windows, split into mutator and GC (split.mjs; compare builds
# by the mutator figure), and the callgrind file (callgrind_annotate it for the
# C++ side: GC, IC stubs, Map builtins; JIT code shows as addresses, named by node --perf-basic-prof's
# /tmp/perf-PID.map). Needs valgrind; about 2.5 minutes. Single-threaded node, so GC work is counted.
set -eu
DIST=$(cd "$1" && pwd); WARM=${2:-6}; RUNS=${3:-2}; OUT=$(mktemp -d)
HERE=$(cd "$(dirname "$0")" && pwd)
NODE_FLAGS=${NODE_FLAGS-$(node --input-type=module -e "import { NODE_FLAGS } from '$DIST/src/cli/node-flags.js'; console.log(NODE_FLAGS.join(' '))")}
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/cg.out" --smc-check=all-non-file \
  node --single-threaded --hash-seed=1 --random-seed=1 ${NODE_FLAGS:-} "$HERE/window.mjs" "$DIST" "$WARM" "$RUNS" > "$OUT/log" 2>&1 &
VG=$!
started=0; stopped=0
while kill -0 $VG 2>/dev/null; do
  s=$(grep -c START "$OUT/log" || true); e=$(grep -c END "$OUT/log" || true)
  if [ "$s" -gt "$started" ] && [ "$e" -lt "$s" ]; then callgrind_control -i on $VG >/dev/null 2>&1 || true; started=$s; fi
  if [ "$e" -gt "$stopped" ] && [ "$e" -eq "$s" ]; then callgrind_control -i off $VG >/dev/null 2>&1 || true; stopped=$e; fi
  sleep 0.2
done
echo "node flags: ${NODE_FLAGS:-none}"
echo "instructions $(awk '/^totals:/{print $2}' "$OUT/cg.out") in $RUNS windows; $(grep bound "$OUT/log")"
callgrind_annotate "$OUT/cg.out" 2>/dev/null | node "$HERE/split.mjs"
echo "callgrind file $OUT/cg.out"
