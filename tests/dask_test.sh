#!/usr/bin/env bash
# tools/kgbuild-dask on a real Dask cluster of this machine: a scheduler on 127.0.0.1 (a
# free port, no dashboard) and two workers of one thread each, started here and stopped by
# their PIDs on any exit. Checks, each against one `kgbuild CORPUS` run byte for byte:
#   1. samples/ with several shard sizes and fan-ins, GraphML, JSON and CSV;
#   2. a generated corpus of 240 articles in nested folders (path order, not byte order);
#   3. the same while one worker is killed (SIGKILL) mid-extraction: Dask reruns its tasks;
#   4. a shard left out of its merge fails the run (--expect-documents), nothing written;
#   5. an empty article fails the run at once with kgbuild's message naming it.
# Exit 77 (ctest: skipped) without python3-distributed, unless KG_REQUIRE_ALL_TESTS is set.
#   tests/dask_test.sh SOURCE_DIR KGBUILD
set -euo pipefail
src=$(realpath "$1") kgbuild=$(realpath "$2")
driver=$src/tools/kgbuild-dask

if ! /usr/bin/python3 -c 'import distributed' 2>/dev/null || ! [[ -x /usr/bin/dask-scheduler && -x /usr/bin/dask-worker ]]; then
  echo "[kgbuild test skipped] Dask not found (Debian package python3-distributed)"
  [[ -n "${KG_REQUIRE_ALL_TESTS:-}" && "${KG_REQUIRE_ALL_TESTS}" != 0 ]] && exit 1
  exit 77
fi

tmp=$(mktemp -d)
stop_all() {
  local pidfile pid
  for pidfile in "$tmp"/*.pid; do
    [[ -e $pidfile ]] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
  done
  for pidfile in "$tmp"/*.pid; do
    [[ -e $pidfile ]] || continue
    pid=$(cat "$pidfile")
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap stop_all EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The cluster. --idle-timeout and --death-timeout end it by itself should this script be
# killed before its trap runs.
/usr/bin/dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard --idle-timeout 300 \
  --scheduler-file "$tmp/scheduler.json" >"$tmp/scheduler.log" 2>&1 &
echo $! >"$tmp/scheduler.pid"
for _ in $(seq 300); do [[ -s $tmp/scheduler.json ]] && break; sleep 0.1; done
[[ -s $tmp/scheduler.json ]] || { cat "$tmp/scheduler.log" >&2; fail "the scheduler did not start"; }
address=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["address"])' "$tmp/scheduler.json")
[[ $address == tcp://127.0.0.1:* ]] || fail "scheduler address $address"
start_worker() {
  /usr/bin/dask-worker --scheduler-file "$tmp/scheduler.json" --host 127.0.0.1 --nthreads 1 --nworkers 1 \
    --no-nanny --no-dashboard --death-timeout 30 --name "$1" --local-directory "$tmp/$1" >"$tmp/$1.log" 2>&1 &
  echo $! >"$tmp/$1.pid"
}
start_worker worker1
start_worker worker2
/usr/bin/python3 - "$address" <<'EOF' || fail "the workers did not join the scheduler"
import sys
from distributed import Client
with Client(sys.argv[1], timeout="30s") as client:
    client.wait_for_workers(2, timeout=60)
EOF

mkdir "$tmp/work"
cd "$tmp/work"
mkdir samples
cp "$src"/samples/*.txt samples/

dask() { "$driver" --scheduler "$address" --kgbuild "$kgbuild" "$@"; }

# 1. samples/: shard sizes 1 (five shards), 2 and 5 (one shard); fan-ins 2 and 3.
"$kgbuild" -q samples -o one.graphml
"$kgbuild" -q samples -o one.json
"$kgbuild" -q samples --types PERSON,ORG --min-weight 1 -o one.csv
for run in "1 2 graphml" "2 3 json" "5 2 graphml"; do
  read -r size fanin ext <<<"$run"
  dask -q samples --shard-size "$size" --fanin "$fanin" -o "dask.$ext" || fail "samples, shard size $size, fan-in $fanin"
  cmp "one.$ext" "dask.$ext" || fail "samples, shard size $size, fan-in $fanin: not the graph of one run"
done
dask -q samples --shard-size 2 -o dask.csv -- --types PERSON,ORG --min-weight 1 || fail "samples as CSV"
for part in nodes edges; do cmp "one.$part.csv" "dask.$part.csv" || fail "samples as CSV: $part differ"; done
echo "samples: 3 splits and CSV with filters equal one run"

# 2. 240 articles made of the samples' paragraphs, in folders whose path order differs
# from byte order ("a/..." before "a-b/..."), with .txt, .md and .TXT files.
/usr/bin/python3 - samples corpus <<'EOF'
import os, sys
paragraphs = []
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), encoding="utf-8") as f:
        paragraphs += [line.rstrip("\n") for line in f if line.strip()]
state = 12345
def next_int(n):
    global state
    state = (state * 1103515245 + 12345) % 2**31
    return state % n
folders = ["a", "a-b", "a/c", "b"]
extensions = [".txt", ".txt", ".md", ".TXT"]
for i in range(240):
    folder = os.path.join(sys.argv[2], folders[i % len(folders)])
    os.makedirs(folder, exist_ok=True)
    text = "\n".join(paragraphs[next_int(len(paragraphs))] for _ in range(3 + next_int(4))) + "\n"
    with open(os.path.join(folder, f"doc{i:03d}{extensions[i % len(extensions)]}"), "w", encoding="utf-8") as f:
        f.write(text)
with open(os.path.join(sys.argv[2], "a", "notes.csv"), "w") as f:
    f.write("not an article\n")
EOF
"$kgbuild" -q corpus -o corpus-one.graphml
for run in "16 2" "50 3"; do
  read -r size fanin <<<"$run"
  dask -q corpus --shard-size "$size" --fanin "$fanin" -o corpus-dask.graphml || fail "corpus, shard size $size, fan-in $fanin"
  cmp corpus-one.graphml corpus-dask.graphml || fail "corpus, shard size $size, fan-in $fanin: not the graph of one run"
done
echo "corpus of 240: 2 splits equal one run"

# 3. A worker killed by PID once some shards, not all, are done.
rm -f corpus-dask.graphml
: >kill.log
# One document a shard, two in flight: the run lasts several progress lines (one a second)
# however fast extraction is, so the kill lands while shards remain.
dask corpus --shard-size 1 --in-flight 2 --fanin 4 -o corpus-dask.graphml 2>kill.log &
driver_pid=$!
echo $driver_pid >"$tmp/driver.pid"
killed=
for _ in $(seq 1200); do
  line=$(grep -o '[0-9]*/[0-9]* shards' kill.log | tail -1 || true)
  if [[ -n $line ]]; then
    done_shards=${line%%/*} total=${line#*/}; total=${total%% *}
    if ((done_shards >= 2 && done_shards <= total - 4)); then
      kill -9 "$(cat "$tmp/worker1.pid")"
      killed="after $done_shards of $total shards"
      break
    fi
  fi
  kill -0 $driver_pid 2>/dev/null || break
  sleep 0.05
done
status=0
wait $driver_pid || status=$?
rm -f "$tmp/driver.pid"
[[ -n $killed ]] || { cat kill.log >&2; fail "the worker was not killed mid-run"; }
((status == 0)) || { cat kill.log >&2; fail "the run with a killed worker failed"; }
! kill -0 "$(cat "$tmp/worker1.pid")" 2>/dev/null || fail "worker1 still runs"
cmp corpus-one.graphml corpus-dask.graphml || fail "a worker killed $killed: not the graph of one run"
echo "a worker killed $killed: the graph equals one run"

# 4. A shard lost on the way: --expect-documents fails the merge, nothing written.
rm -f lost.graphml
status=0
KGBUILD_DASK_TEST_DROP_SHARD=1 dask -q samples --shard-size 2 -o lost.graphml 2>lost.log || status=$?
((status == 1)) || { cat lost.log >&2; fail "a lost shard: exit $status, not 1"; }
grep -q "the inputs hold 3 document(s), not the 5 expected (--expect-documents); nothing written" lost.log ||
  { cat lost.log >&2; fail "a lost shard: no --expect-documents message"; }
[[ ! -e lost.graphml ]] || fail "a lost shard: a graph was written"
echo "a lost shard fails the run"

# 5. An empty article (sorted first, in the first of several shards) stops the run.
: >corpus/a/000-empty.txt
status=0
dask corpus --shard-size 6 -o bad.graphml 2>bad.log || status=$?
((status == 1)) || { cat bad.log >&2; fail "an empty article: exit $status, not 1"; }
grep -q "corpus/a/000-empty.txt: empty file" bad.log || { cat bad.log >&2; fail "an empty article: not named"; }
! grep -Eq "\b([0-9]+)/\1 shards" bad.log || { cat bad.log >&2; fail "an empty article: the run went on to the end"; }
[[ ! -e bad.graphml ]] || fail "an empty article: a graph was written"
echo "an empty article fails the run, named"
