#!/usr/bin/env bash
# One command per scenario: builds if needed, starts each target pinned to one core, runs the generator pinned to
# another, stops everything, and writes bench/results/<timestamp>-<scenario>.{json,md}.
#
#   bench/run.sh fanout   [SUBSCRIBERS=1000] [RATE=0] [DURATION=10] [PEERS="ws socketio"]
#                         [PROTOCOL=ws|pusher|both] [WARM_AT=0]   (pusher: ours at /app/{key}; PEERS="soketi")
#   bench/run.sh capacity [CONNECTIONS=1000] [HOLD=5]  [PEERS="ws socketio"]
#   bench/run.sh storm    [CONNECTIONS=1000] [CONNECT_WINDOW=1000] [PEERS="ws socketio"]
#   bench/run.sh coldstart [CONNECTIONS=5000] [RUNS=3] [START_DELAY=2] [CONNECT_WINDOW=1000] [WAVES=1] [SOURCES=1]
#                         [PEERS="ws"]
#                         (a fresh server per run, launched by the generator; token at the handshake)
#   bench/run.sh channels [CONNECTIONS=10000] [CHANNELS=1000] [RATE=1000] [ZIPF=1.0] [DURATION=10] [PEERS=""]
#   bench/run.sh noisy    [QUIET_CONNECTIONS=200] [QUIET_CHANNELS=10] [RATE=50] [FLOOD_CONNECTIONS=300]
#                         [FLOOD_RATE=100] [STORM_RATE=400] [DURATION=10]   (ours only: peers have no tenants)
#   bench/run.sh recovery [CLIENTS=5000] [MISSED=50] [STORMS=2] [CONTROL=1]   (ours only: SPEC §9)
#   bench/run.sh presence [CONNECTIONS=1000] [CHURN_RATE=200] [HOLD_PRESENCE=2] [PASSES=2]   (ours only: SPEC §10)
#   bench/run.sh history-memory [CHANNELS=50] [EVENTS=200] [PAYLOAD=100] [HISTORY_TTL=60]   (ours only)
#   bench/run.sh cluster  [SUBSCRIBERS=1000] [RATE=20] [WARMUP=5] [WARM_AT=60] [DURATION=20]
#                         [PAIRED=0] [PHASE=2.5]
#                         two nodes on Redis + PostgreSQL (started here), then one node (memory + SQLite);
#                         PAIRED=1: the one node runs beside the cluster, publishing alternating in PHASE-s phases
#   bench/run.sh jmh      [any JMH options, e.g. -f 1 -wi 3 -i 5 Fanout]
#   bench/run.sh fuzz     [ITERATIONS=100000] [SEED=18]   (hostile frames and handshakes; docs/reliability.md)
#   bench/run.sh soak     [DURATION=1800] [SAMPLE=10] [SOAK_JVM=...]   (seconds; churn, revocations, slow consumers; docs/reliability.md)
#   bench/run.sh chaos    [DURATION=300] [SEED=18]   (faults under publishes, no-loss checker; docs/reliability.md)
#
# Settings are KEY=VALUE arguments (or environment variables); see docs/performance.md for all of them.
# Traffic goes to 127.0.0.1 only; every run is bounded by DURATION / CONNECT_TIMEOUT and stops by itself.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCENARIO="${1:?usage: bench/run.sh fanout|capacity|storm|coldstart|channels|noisy|recovery|presence|history-memory|cluster|jmh [KEY=VALUE ...]}"
shift

SERVER_JAR="$ROOT/app-server/target/zena-server.jar"
BENCH_JAR="$ROOT/bench/target/zena-bench.jar"

build_if_needed() {
  local newest
  newest="$(find "$ROOT/app-server/src/main" "$ROOT/shared-protocol/src/main" "$ROOT/bench/src/main" \
    "$ROOT/bench/pom.xml" "$ROOT/pom.xml" -newer "$BENCH_JAR" -print -quit 2>/dev/null || true)"
  if [[ ! -f "$SERVER_JAR" || ! -f "$BENCH_JAR" || -n "$newest" ]]; then
    echo "== building (mvn package -pl bench -am)"
    (cd "$ROOT" && mvn -B -ntp -q -pl bench -am package -DskipTests)
  fi
}

if [[ "$SCENARIO" == "jmh" ]]; then
  build_if_needed
  mkdir -p "$ROOT/bench/results"
  OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-jmh"
  ARGS=("$@")
  [[ ${#ARGS[@]} -eq 0 ]] && ARGS=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
  echo "== JMH ${ARGS[*]} (results in $OUT.json)"
  java -jar "$BENCH_JAR" jmh "${ARGS[@]}" -rf json -rff "$OUT.json" | tee "$OUT.txt"
  exit 0
fi

for kv in "$@"; do
  [[ "$kv" == *=* ]] || { echo "not KEY=VALUE: $kv" >&2; exit 2; }
  export "${kv?}"
done

# The network fuzz (issue 18): the CI test's engine (app-server fuzz.NetworkFuzzTest) at bench size. The server runs
# in the test's JVM so that its log and heap are read directly; the figures go to bench/results/<ts>-fuzz.txt.
if [[ "$SCENARIO" == "fuzz" ]]; then
  mkdir -p "$ROOT/bench/results"
  OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-fuzz.txt"
  echo "== fuzz: ${ITERATIONS:-100000} hostile frames and handshakes, seed ${SEED:-18} (figures in $OUT)"
  (cd "$ROOT" && mvn -B -ntp -q -pl app-server -am test -Dtest=NetworkFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.iterations="${ITERATIONS:-100000}" -Dfuzz.seed="${SEED:-18}" -Dfuzz.report="$OUT")
  cat "$OUT"
  exit 0
fi

# The soak (issue 18 item 4): the CI test's engine (app-server soak.SoakTest, 120 s there) for DURATION seconds
# (default 30 min). The server is a `serve` child process whose RSS, heap after GC, threads and open files are sampled
# every SAMPLE seconds; the figures and their slopes go to bench/results/<ts>-soak.txt. SOAK_JVM adds JVM options to
# the server: by default its heap fixed and touched at start (the shape docs/operations.md recommends for a flat
# footprint, at the soak node's 256 MB) and native memory tracking, whose growth after the warm-up is reported too.
if [[ "$SCENARIO" == "soak" ]]; then
  mkdir -p "$ROOT/bench/results"
  OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-soak.txt"
  echo "== soak: ${DURATION:-1800} s, a sample every ${SAMPLE:-10} s (figures in $OUT)"
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"   # as bin/zena-server runs the server (ADR 0030)
  status=0   # a failed check fails the run, after its figures (written before the checks) are shown
  (cd "$ROOT" && mvn -B -ntp -q -pl app-server -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.seconds="${DURATION:-1800}" -Dsoak.sample="${SAMPLE:-10}" -Dsoak.report="$OUT" \
    -Dzena.serve.jvm="${SOAK_JVM:--Xms256m -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary}") || status=$?
  [[ -f "$OUT" ]] && cat "$OUT"
  exit "$status"
fi

# Chaos with a no-loss checker (issue 18): the CI test's engine (app-server cluster.ChaosTest) with faults drawn at
# random from SEED for DURATION seconds: three serve processes, Redis and PostgreSQL started by the test itself.
# The checker's figures go to bench/results/<ts>-chaos.txt; a loss, a duplicate or a cross-tenant event fails it.
if [[ "$SCENARIO" == "chaos" ]]; then
  mkdir -p "$ROOT/bench/results"
  OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-chaos.txt"
  echo "== chaos: ${DURATION:-300} s of random faults, seed ${SEED:-18} (figures in $OUT)"
  status=0
  (cd "$ROOT" && mvn -B -ntp -q -pl app-server -am test -Dtest='ChaosTest#randomFaultsForAWhile' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.duration="${DURATION:-300}" -Dchaos.seed="${SEED:-18}" \
    -Dchaos.report="$OUT") || status=$?
  if [[ -f "$OUT" ]]; then cat "$OUT"; fi
  exit "$status"
fi

SUBSCRIBERS="${SUBSCRIBERS:-1000}"
case "$SCENARIO" in
  channels)
    CONNECTIONS="${CONNECTIONS:-10000}"; CHANNELS="${CHANNELS:-1000}"; RATE="${RATE:-1000}"; PEERS="${PEERS-}" ;;
  noisy)
    RATE="${RATE:-50}"; PEERS="" ;;
  recovery|presence) PEERS="" ;;   # SPEC §9/§10: the peers keep no history and no presence
  history-memory)
    CHANNELS="${CHANNELS:-50}"; PEERS="" ;;
  cluster)
    RATE="${RATE:-20}"; WARMUP="${WARMUP:-5}"; DURATION="${DURATION:-20}"; PEERS="" ;;
esac
PAIRED="${PAIRED:-0}"                 # cluster: 1 = the single node beside the cluster, phases alternating
PHASE="${PHASE:-2.5}"                 # cluster, PAIRED=1: seconds of publishing to one side before the other
case "$SCENARIO" in
  coldstart)   # socketio has no token at the handshake: the Node `ws` peer only
    CONNECTIONS="${CONNECTIONS:-5000}"; CONNECT_WINDOW="${CONNECT_WINDOW:-1000}"; PEERS="${PEERS-ws}" ;;
esac
RUNS="${RUNS:-3}"                     # coldstart: fresh servers, one storm each
START_DELAY="${START_DELAY:-2}"       # coldstart: seconds from the server's launch to the storm
WAVES="${WAVES:-1}"                   # coldstart: storms per fresh server (the later ones on the warm server)
CLIENTS="${CLIENTS:-5000}"            # recovery: clients that disconnect and come back
MISSED="${MISSED:-50}"                # recovery: events published while they are away
STORMS="${STORMS:-2}"                 # recovery: storms in a row (the first on a cold server)
CONTROL="${CONTROL:-1}"               # recovery: 1 = a reconnect round with nothing missed after the storms
CHURN_RATE="${CHURN_RATE:-200}"       # presence: joins per second
HOLD_PRESENCE="${HOLD_PRESENCE:-2}"   # presence: seconds each connection stays (rate x hold present at once)
PASSES="${PASSES:-2}"                 # presence: passes (cold, then warm)
LEAVE_GRACE="${LEAVE_GRACE:-5}"       # presence: the server's presence.leave_grace, seconds
PRESENCE_EVENTS="${PRESENCE_EVENTS:-1}"   # presence: 0 = the observer asks for no presence events (a control)
EVENTS="${EVENTS:-200}"               # history-memory: events per channel (the server's history.size)
PAYLOAD="${PAYLOAD:-100}"             # history-memory: padding bytes in each event's data
HISTORY_TTL="${HISTORY_TTL:-60}"      # history-memory: the server's history.ttl, s (longer than the publishing)
FANOUT_WARM_AT="${WARM_AT:-0}"        # fanout: a second (warm) window this many s after publishing starts; 0 = none
WARM_AT="${WARM_AT:-60}"              # cluster: start of the warm window, seconds after publishing starts
[[ "$SCENARIO" == "fanout" ]] && WARM_AT="$FANOUT_WARM_AT"
CONNECTIONS="${CONNECTIONS:-1000}"
RATE="${RATE:-0}"                     # publishes per second; 0 = unthrottled (window-limited)
ZIPF="${ZIPF:-1.0}"                   # channels: exponent of channel popularity (0 = uniform)
QUIET_CONNECTIONS="${QUIET_CONNECTIONS:-200}"   # noisy: tenant B (quiet) subscribers, from 127.0.0.1
QUIET_CHANNELS="${QUIET_CHANNELS:-10}"          # noisy: tenant B channels
FLOOD_CONNECTIONS="${FLOOD_CONNECTIONS:-300}"   # noisy: tenant A connections flooding, from 127.0.0.2..5
FLOOD_RATE="${FLOOD_RATE:-100}"                 # noisy: pings per second per flooding connection
STORM_RATE="${STORM_RATE:-400}"                 # noisy: tenant A authenticate-and-close handshakes/s, 127.0.0.6
FLOOD_SETTLE="${FLOOD_SETTLE:-2}"               # noisy: seconds of flood before B's latency is measured again
NOISY_HANDSHAKES_PER_IP="${NOISY_HANDSHAKES_PER_IP:-200}"
WINDOW="${WINDOW:-4}"                 # unthrottled: publishes not yet fully delivered
DURATION="${DURATION:-10}"            # measured seconds (after WARMUP)
WARMUP="${WARMUP:-2}"
HOLD="${HOLD:-5}"                     # capacity: idle seconds before measuring memory
CHANNELS="${CHANNELS:-1}"
CONNECT_WINDOW="${CONNECT_WINDOW:-200}"
CONNECT_TIMEOUT="${CONNECT_TIMEOUT:-60}"
WARM_CONNECTIONS="${WARM_CONNECTIONS:-200}"    # storm: connections of each warm-up wave (opened, then closed)
WARM_WAVES="${WARM_WAVES:-1}"                  # storm: warm-up waves before the measured one (JIT warm-up)
SOURCES="${SOURCES:-1}"               # spread connections over 127.0.0.1..N (ports run out near 28k per address)
PEERS="${PEERS-ws socketio}"
PROTOCOL="${PROTOCOL:-ws}"            # fanout: our server through /ws, through /app/{key} (Pusher protocol 7), or both
case "$PROTOCOL" in ws|pusher|both) ;; *) echo "PROTOCOL is ws, pusher or both, not $PROTOCOL" >&2; exit 2 ;; esac
if [[ "$PROTOCOL" != ws && "$SCENARIO" != fanout ]]; then echo "PROTOCOL=$PROTOCOL is for fanout only" >&2; exit 2; fi
CLIENT="${CLIENT:-nio}"               # nio | jetty
CLIENT_THREADS="${CLIENT_THREADS:-1}"
SERVER_CORE="${SERVER_CORE:-0}"
GEN_CORE="${GEN_CORE:-1}"
LOG_LEVEL="${LOG_LEVEL:-INFO}"
# C1 only, compiled early in the foreground, and the class-data archive: what bin/zena-server runs the server with
# (ADRs 0028, 0031); CDS=0 leaves the archive out, SERVER_JVM_FLAGS replaces the whole line.
CDS="${CDS:-1}"
CDS_ARCHIVE="$ROOT/app-server/target/zena-server.jsa"
CDS_FLAG=""; [[ "$CDS" == 1 ]] && CDS_FLAG=" -XX:SharedArchiveFile=$CDS_ARCHIVE"
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:--XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms256m -Xmx1g -XX:TieredStopAtLevel=1 -XX:-BackgroundCompilation -XX:CompileThresholdScaling=0.3$CDS_FLAG}"
GEN_JVM_FLAGS="${GEN_JVM_FLAGS:--XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms256m -Xmx1g}"

case "$SCENARIO" in
  fanout) N="$SUBSCRIBERS" ;;
  capacity|storm|coldstart|channels|presence) N="$CONNECTIONS" ;;
  noisy) N="$((FLOOD_CONNECTIONS + 200))" ;;
  recovery) N="$CLIENTS" ;;
  history-memory) N=10 ;;
  cluster) N="$SUBSCRIBERS" ;;
  *) echo "unknown scenario $SCENARIO (fanout, capacity, storm, coldstart, channels, noisy, recovery, presence, history-memory, cluster, jmh)" >&2; exit 2 ;;
esac
if (( N > $(ulimit -n) - 500 )); then
  echo "N=$N is above this process's open-files limit ($(ulimit -n)) less headroom: use fewer connections" >&2
  exit 2
fi

build_if_needed
# The class-data archive of this jar, as the launcher makes it: the classes a server loaded, written when it stops.
# Made again when the jar is newer (a training start: the server's start-up, then SIGTERM).
if [[ "$SERVER_JVM_FLAGS" == *"-XX:SharedArchiveFile=$CDS_ARCHIVE"* && ! "$CDS_ARCHIVE" -nt "$SERVER_JAR" ]]; then
  echo "== class-data archive for $SERVER_JAR"
  rm -f "$CDS_ARCHIVE"
  train_dir="$(mktemp -d /tmp/zena-cds.XXXXXX)"
  train_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  (cd "$train_dir" && WEBSOCKET_JWT_SECRET="$(head -c 33 /dev/urandom | base64 | tr -d '\n/+=')-cds-training" WEBSOCKET_DB="$train_dir/zena.db" \
    exec java -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$CDS_ARCHIVE" -Xlog:cds=off -jar "$SERVER_JAR" \
    serve --host 127.0.0.1 --port "$train_port" > "$train_dir/server.log" 2>&1) &
  train_pid=$!
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$train_port/health/live" 2>/dev/null && break; sleep 0.1; done
  kill "$train_pid"; wait "$train_pid" || true
  [[ -f "$CDS_ARCHIVE" ]] || { echo "no class-data archive was written; log:" >&2; tail -20 "$train_dir/server.log" >&2; exit 1; }
  rm -rf "$train_dir"
fi
mkdir -p "$ROOT/bench/results"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d /tmp/zena-bench.XXXXXX)"
SERVER_PID=""
EXTRA_PIDS=()     # cluster: node B and redis-server
PG_DATA=""        # cluster: the PostgreSQL data directory started here
cleanup() {
  local pid
  for pid in "$SERVER_PID" "${EXTRA_PIDS[@]}"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ -n "$PG_DATA" ]]; then as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# Guards stay on; these are raised (and listed in the report) so that one client address and one tenant can
# carry the whole load. Per-user (5) and per-connection message limits keep their defaults.
LIMITS=(
  "WEBSOCKET_LIMITS_CONNECTIONS_PER_TENANT=$((N + 100))"
  "WEBSOCKET_LIMITS_CONNECTIONS_PER_IP=$((N + 100))"
  "WEBSOCKET_LIMITS_HANDSHAKES_PER_IP=100000"
  "WEBSOCKET_LIMITS_MESSAGES_PER_TENANT=100000"
  "WEBSOCKET_LIMITS_REST_PER_USER=10000000"
  "WEBSOCKET_LIMITS_PUBLISH_PER_KEY=100000"
)
if [[ "$SCENARIO" == "noisy" ]]; then
  # The flooding tenant keeps the default message limits (10/s per connection, 500/s per tenant), per-user
  # connections (5) and REST/publish limits. Raised: connections per tenant (flood + storm + quiet), connections
  # per address (the generator is 127.0.0.1..6), handshakes per address (default 20/s would refuse the quiet
  # tenant's own ramp; the storm's address still runs into it at STORM_RATE > NOISY_HANDSHAKES_PER_IP).
  LIMITS=(
    "WEBSOCKET_LIMITS_CONNECTIONS_PER_TENANT=$((QUIET_CONNECTIONS + FLOOD_CONNECTIONS + 1500))"
    "WEBSOCKET_LIMITS_CONNECTIONS_PER_IP=2000"
    "WEBSOCKET_LIMITS_HANDSHAKES_PER_IP=$NOISY_HANDSHAKES_PER_IP"
  )
fi
# Our server publishes through the signed server-to-server POST /api/v1/broadcast (no store write per publish);
# PUBLISH_PATH=patch keeps the app API's PATCH /api/v1/app/tasks/{id}. The peers only implement the PATCH route.
PUBLISH_PATH="${PUBLISH_PATH:-broadcast}"
export BENCH_PUBLISH_KEY BENCH_PUBLISH_SECRET
BENCH_PUBLISH_KEY="bench-publisher"
BENCH_PUBLISH_SECRET="$(head -c 33 /dev/urandom | base64 | tr -d '\n/+=')publish-secret-padding"
GEN_PUBLISH_KEY="$BENCH_PUBLISH_KEY"; [[ "$PUBLISH_PATH" == "broadcast" ]] || GEN_PUBLISH_KEY=""
export BENCH_JWT_SECRET
BENCH_JWT_SECRET="$(head -c 33 /dev/urandom | base64 | tr -d '\n/+=')bench-secret-padding"
pick_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
  local url="$1" i
  for i in $(seq 1 150); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died; log:" >&2; tail -20 "${SERVER_LOG:-$WORK/server.log}" >&2; return 1; }
    sleep 0.2
  done
  echo "server did not become ready: $url" >&2; return 1
}

QUIET_USERS=0; [[ "$SCENARIO" == "noisy" ]] && QUIET_USERS="$QUIET_CONNECTIONS"
SERVER_EXTRA=()   # settings of the scenario's own (history, presence)
case "$SCENARIO" in
  history-memory) SERVER_EXTRA=("WEBSOCKET_HISTORY_SIZE=$EVENTS" "WEBSOCKET_HISTORY_TTL=${HISTORY_TTL}s") ;;
  presence) SERVER_EXTRA=("WEBSOCKET_PRESENCE_LEAVE_GRACE=${LEAVE_GRACE}s") ;;
esac
java -jar "$BENCH_JAR" prepare --users "$N" --tasks "$CHANNELS" --quiet-users "$QUIET_USERS" \
  --quiet-tasks "$QUIET_CHANNELS" --out "$WORK/import.json"

run_target() {  # name port dialect is_java
  local name="$1" port="$2" dialect="$3" is_java="$4"
  # One --hold: capacity's idle seconds, or how long each presence connection stays (the last flag would win)
  local hold="$HOLD"; [[ "$SCENARIO" == "presence" ]] && hold="$HOLD_PRESENCE"
  echo "== $SCENARIO against $name (server pid $SERVER_PID on core $SERVER_CORE, generator on core $GEN_CORE)"
  BENCH_PUBLISH_KEY="$GEN_PUBLISH_KEY" taskset -c "$GEN_CORE" java $GEN_JVM_FLAGS -jar "$BENCH_JAR" "$SCENARIO" \
    --target "$name" --port "$port" --dialect "$dialect" --server-pid "$SERVER_PID" --server-java "$is_java" \
    --secret-env BENCH_JWT_SECRET --client "$CLIENT" --client-threads "$CLIENT_THREADS" \
    --subscribers "$SUBSCRIBERS" --connections "$CONNECTIONS" --users "$N" --channels "$CHANNELS" \
    --rate "$RATE" --window "$WINDOW" --duration "$DURATION" --warmup "$WARMUP" --hold "$hold" \
    --connect-window "$CONNECT_WINDOW" --connect-timeout "$CONNECT_TIMEOUT" --sources "$SOURCES" \
    --warm-connections "$WARM_CONNECTIONS" --warm-waves "$WARM_WAVES" --zipf "$ZIPF" \
    --quiet-connections "$QUIET_CONNECTIONS" --quiet-channels "$QUIET_CHANNELS" \
    --flood-connections "$FLOOD_CONNECTIONS" --flood-rate "$FLOOD_RATE" --storm-rate "$STORM_RATE" \
    --flood-settle "$FLOOD_SETTLE" \
    --clients "$CLIENTS" --missed "$MISSED" --storms "$STORMS" --control "$CONTROL" \
    --churn-rate "$CHURN_RATE" --passes "$PASSES" --leave-grace "$LEAVE_GRACE" \
    --presence-events "$PRESENCE_EVENTS" \
    --events "$EVENTS" --payload "$PAYLOAD" --ttl "$HISTORY_TTL" --warm-at "$WARM_AT" \
    "${GEN_EXTRA[@]}" --out "$WORK/$name.json"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}
GEN_EXTRA=()

as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

if [[ "$SCENARIO" == "cluster" ]]; then
  # Two nodes (A on SERVER_CORE, B on GEN_CORE: one core each) on a Redis and a PostgreSQL started here, then the
  # single node (memory broker + SQLite) with the same generator settings. With two cores the generator, Redis
  # and PostgreSQL cannot have cores of their own in the cluster run: they are left unpinned, and their CPU is
  # summed into the figures (Redis) or reported by itself (the generator).
  command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 2; }
  [[ -x "$PG_BIN/initdb" ]] || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 2; }
  REDIS_PORT="$(pick_port)"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize no \
    > "$WORK/redis.log" 2>&1 &
  REDIS_PID=$!; EXTRA_PIDS+=("$REDIS_PID")
  chmod 755 "$WORK"; mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" 2>/dev/null || true
  PG_PORT="$(pick_port)"
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --no-sync > "$WORK/initdb.log" 2>&1
  printf "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nfsync = off\nsynchronous_commit = off\nmax_connections = 200\n" \
    | as_postgres tee -a "$WORK/pg/data/postgresql.conf" > /dev/null
  as_postgres "$PG_BIN/pg_ctl" start -D "$WORK/pg/data" -l "$WORK/pg/pg.log" -w -o "-p $PG_PORT" > /dev/null
  PG_DATA="$WORK/pg/data"
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres zena
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/zena"
  CLUSTER_ENV=(WEBSOCKET_BROKER=redis "WEBSOCKET_REDIS_URL=redis://127.0.0.1:$REDIS_PORT" WEBSOCKET_REDIS_PREFIX=bench
    "WEBSOCKET_DB=$PG_URL" WEBSOCKET_DB_USER=postgres)
  env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" "${CLUSTER_ENV[@]}" \
    java -jar "$SERVER_JAR" import "$WORK/import.json" > "$WORK/import.log" 2>&1
  start_node() {  # id port core -> pid in NODE_PID
    env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" "${CLUSTER_ENV[@]}" WEBSOCKET_NODE_ID="$1" ZENA_LOG_LEVEL="$LOG_LEVEL" \
      "${LIMITS[@]}" WEBSOCKET_PUBLISH_KEY="$BENCH_PUBLISH_KEY" WEBSOCKET_PUBLISH_SECRET="$BENCH_PUBLISH_SECRET" \
      taskset -c "$3" java $SERVER_JVM_FLAGS -jar "$SERVER_JAR" serve --host 127.0.0.1 --port "$2" \
      > "$WORK/node-$1.log" 2>&1 &
    NODE_PID=$!
  }
  # One after the other: two JVMs opening their pools at once on a busy machine can time out PostgreSQL's login.
  PORT="$(pick_port)"
  start_node a "$PORT" "$SERVER_CORE"; SERVER_PID="$NODE_PID"; SERVER_LOG="$WORK/node-a.log"
  wait_http "http://127.0.0.1:$PORT/health/ready"
  PORT_B="$(pick_port)"
  start_node b "$PORT_B" "$GEN_CORE"; NODE_B_PID="$NODE_PID"; EXTRA_PIDS+=("$NODE_B_PID")
  SERVER_PID_A="$SERVER_PID"; SERVER_PID="$NODE_B_PID"; SERVER_LOG="$WORK/node-b.log"
  wait_http "http://127.0.0.1:$PORT_B/health/ready"
  SERVER_PID="$SERVER_PID_A"; SERVER_LOG=""
  echo "== cluster: node a pid $SERVER_PID on core $SERVER_CORE, node b pid $NODE_B_PID on core $GEN_CORE, redis pid $REDIS_PID, generator unpinned"
  PAIRED_GEN=()
  if [[ "$PAIRED" == 1 ]]; then
    # The single node of the same minutes, on node A's core: publishing alternates between it and the cluster.
    env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" WEBSOCKET_DB="$WORK/single.db" \
      java -jar "$SERVER_JAR" import "$WORK/import.json" > "$WORK/import-single.log" 2>&1
    SINGLE_PORT="$(pick_port)"
    env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" WEBSOCKET_DB="$WORK/single.db" ZENA_LOG_LEVEL="$LOG_LEVEL" \
      "${LIMITS[@]}" WEBSOCKET_PUBLISH_KEY="$BENCH_PUBLISH_KEY" WEBSOCKET_PUBLISH_SECRET="$BENCH_PUBLISH_SECRET" \
      taskset -c "$SERVER_CORE" java $SERVER_JVM_FLAGS -jar "$SERVER_JAR" serve --host 127.0.0.1 --port "$SINGLE_PORT" \
      > "$WORK/single.log" 2>&1 &
    SINGLE_PID=$!; EXTRA_PIDS+=("$SINGLE_PID")
    SERVER_PID_A="$SERVER_PID"; SERVER_PID="$SINGLE_PID"; SERVER_LOG="$WORK/single.log"
    wait_http "http://127.0.0.1:$SINGLE_PORT/health/ready"
    SERVER_PID="$SERVER_PID_A"; SERVER_LOG=""
    echo "== paired: single node pid $SINGLE_PID on core $SERVER_CORE, phases of $PHASE s"
    PAIRED_GEN=(--single-port "$SINGLE_PORT" --single-pid "$SINGLE_PID" --phase "$PHASE")
  fi
  BENCH_PUBLISH_KEY="$GEN_PUBLISH_KEY" java $GEN_JVM_FLAGS -jar "$BENCH_JAR" cluster \
    --target zena-cluster --port "$PORT" --port-b "$PORT_B" --server-pid "$SERVER_PID" --pid-b "$NODE_B_PID" \
    --redis-pid "$REDIS_PID" --secret-env BENCH_JWT_SECRET --client "$CLIENT" --client-threads "$CLIENT_THREADS" \
    --subscribers "$SUBSCRIBERS" --users "$N" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" \
    --warm-at "$WARM_AT" --connect-window "$CONNECT_WINDOW" --connect-timeout "$CONNECT_TIMEOUT" \
    "${PAIRED_GEN[@]}" --out "$WORK/zena-cluster.json"
  kill "$SERVER_PID" "${EXTRA_PIDS[@]}"; wait "$SERVER_PID" "${EXTRA_PIDS[@]}" 2>/dev/null || true
  SERVER_PID=""; EXTRA_PIDS=()
  as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w > /dev/null; PG_DATA=""
fi

# --- ours
# Fan-out through /app/{key} (PROTOCOL=pusher|both) and the Soketi peer: one Pusher app generated per run; ours gets
# it as pusher.* settings, Soketi as its one app; the generator publishes through the signed Pusher HTTP API.
export BENCH_PUSHER_APP_ID="bench" BENCH_PUSHER_KEY BENCH_PUSHER_SECRET
BENCH_PUSHER_KEY="bench-key-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
BENCH_PUSHER_SECRET="$(head -c 33 /dev/urandom | base64 | tr -d '\n/+=')"
PUSHER_GEN=(--ws-path "/app/$BENCH_PUSHER_KEY" --pusher-app-id "$BENCH_PUSHER_APP_ID" --pusher-key "$BENCH_PUSHER_KEY")
if [[ "$PROTOCOL" != ws ]]; then
  SERVER_EXTRA+=("WEBSOCKET_PUSHER_APP_ID=$BENCH_PUSHER_APP_ID" "WEBSOCKET_PUSHER_KEY=$BENCH_PUSHER_KEY"
    "WEBSOCKET_PUSHER_SECRET=$BENCH_PUSHER_SECRET")
fi
env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" WEBSOCKET_DB="$WORK/zena.db" \
  java -jar "$SERVER_JAR" import "$WORK/import.json" > "$WORK/import.log" 2>&1
start_ours() {  # a fresh server (cold JVM) on a new PORT; PROTOCOL=both starts one per protocol
  PORT="$(pick_port)"
  env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" WEBSOCKET_DB="$WORK/zena.db" ZENA_LOG_LEVEL="$LOG_LEVEL" "${LIMITS[@]}" \
    "${SERVER_EXTRA[@]}" \
    WEBSOCKET_PUBLISH_KEY="$BENCH_PUBLISH_KEY" WEBSOCKET_PUBLISH_SECRET="$BENCH_PUBLISH_SECRET" \
    taskset -c "$SERVER_CORE" java $SERVER_JVM_FLAGS -jar "$SERVER_JAR" serve --host 127.0.0.1 --port "$PORT" \
    >> "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  wait_http "http://127.0.0.1:$PORT/health/live"  # /health/ready once it exists
}
if [[ "$SCENARIO" == "coldstart" ]]; then
  # The generator launches each server itself (a fresh JVM per run) through a script that execs it on the port it is
  # given, pinned as every target is; the storm starts START_DELAY s after the launch.
  launch_script() {  # file, then the command (whose last argument, the port, the script appends)
    local file="$1"; shift
    { echo '#!/usr/bin/env bash'; printf 'exec'; printf ' %q' "$@"; printf ' "$1" >> %q 2>&1\n' "$WORK/server.log"; } > "$file"
  }
  coldstart_target() {  # name launch-script dialect is_java
    echo "== coldstart against $1 ($RUNS fresh servers on core $SERVER_CORE, generator on core $GEN_CORE)"
    taskset -c "$GEN_CORE" java $GEN_JVM_FLAGS -jar "$BENCH_JAR" coldstart --target "$1" --launch "$2" \
      --dialect "$3" --server-java "$4" --secret-env BENCH_JWT_SECRET --client "$CLIENT" \
      --client-threads "$CLIENT_THREADS" --connections "$CONNECTIONS" --users "$N" --runs "$RUNS" \
      --start-delay "$START_DELAY" --waves "$WAVES" --connect-window "$CONNECT_WINDOW" \
      --connect-timeout "$CONNECT_TIMEOUT" --sources "$SOURCES" --out "$WORK/$1.json"
    RESULTS+=("$WORK/$1.json")
  }
  RESULTS=()
  # shellcheck disable=SC2086 # the JVM flags are words
  launch_script "$WORK/launch-zena.sh" env WEBSOCKET_JWT_SECRET="$BENCH_JWT_SECRET" WEBSOCKET_DB="$WORK/zena.db" \
    ZENA_LOG_LEVEL="$LOG_LEVEL" "${LIMITS[@]}" taskset -c "$SERVER_CORE" java $SERVER_JVM_FLAGS -jar "$SERVER_JAR" \
    serve --host 127.0.0.1 --port
  coldstart_target zena "$WORK/launch-zena.sh" zena true
  for peer in $PEERS; do
    [[ "$peer" == ws ]] || { echo "coldstart: only the ws peer takes the token at the handshake, not $peer" >&2; exit 2; }
    if [[ ! -d "$ROOT/bench/peers/node_modules" ]]; then
      (cd "$ROOT/bench/peers" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    launch_script "$WORK/launch-ws.sh" env BENCH_JWT_SECRET="$BENCH_JWT_SECRET" taskset -c "$SERVER_CORE" \
      node "$ROOT/bench/peers/ws-server.js"
    coldstart_target ws "$WORK/launch-ws.sh" zena false
  done
  PEERS=""
elif [[ "$SCENARIO" == "cluster" && "$PAIRED" == 1 ]]; then
  RESULTS=("$WORK/zena-cluster.json")   # both sides in one report
elif [[ "$SCENARIO" == "cluster" ]]; then
  start_ours
  # The single node of the same run: every subscriber local, same generator code and settings.
  GEN_EXTRA=(--port-b 0)
  run_target zena-single "$PORT" zena true
  RESULTS=("$WORK/zena-cluster.json" "$WORK/zena-single.json")
else
  RESULTS=()
  if [[ "$PROTOCOL" != pusher ]]; then
    start_ours
    run_target zena "$PORT" zena true
    RESULTS+=("$WORK/zena.json")
  fi
  if [[ "$PROTOCOL" != ws ]]; then
    start_ours
    GEN_EXTRA=("${PUSHER_GEN[@]}")
    run_target zena-pusher "$PORT" pusher true
    GEN_EXTRA=()
    RESULTS+=("$WORK/zena-pusher.json")
  fi
fi

# --- peers, same generator, same pinning
if [[ -n "$PEERS" ]]; then
  if [[ ! -d "$ROOT/bench/peers/node_modules" ]]; then
    echo "== npm ci (bench/peers)"
    (cd "$ROOT/bench/peers" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  for peer in $PEERS; do
    PORT="$(pick_port)"
    health=/health
    case "$peer" in
      ws) script="ws-server.js"; dialect=zena ;;
      socketio) script="socketio-server.js"; dialect=socketio ;;
      soketi)  # Pusher protocol 7 (SPEC §12's peer): channel auth signed by the generator, as a Laravel app signs it
        script="soketi/server.js"; dialect=pusher; health=/ready
        GEN_EXTRA=("${PUSHER_GEN[@]}" --pusher-auth local)
        if [[ ! -d "$ROOT/bench/peers/soketi/node_modules" ]]; then
          echo "== npm ci (bench/peers/soketi)"
          (cd "$ROOT/bench/peers/soketi" && npm ci --no-audit --no-fund --loglevel=error)
        fi
        export SOKETI_DISCOVERY_PORT SOKETI_METRICS_PORT   # its UDP discovery and /usage, both on 127.0.0.1
        SOKETI_DISCOVERY_PORT="$(pick_port)"; SOKETI_METRICS_PORT="$(pick_port)" ;;
      *) echo "unknown peer $peer (ws, socketio, soketi)" >&2; exit 2 ;;
    esac
    env BENCH_JWT_SECRET="$BENCH_JWT_SECRET" taskset -c "$SERVER_CORE" node "$ROOT/bench/peers/$script" "$PORT" \
      > "$WORK/$peer.log" 2>&1 &
    SERVER_PID=$!
    SERVER_LOG="$WORK/$peer.log"
    wait_http "http://127.0.0.1:$PORT$health"
    run_target "$peer" "$PORT" "$dialect" false
    GEN_EXTRA=(); SERVER_LOG=""
    RESULTS+=("$WORK/$peer.json")
  done
fi

ENV_FILE="$WORK/environment.txt"
{
  echo "nproc=$(nproc --all)"
  echo "load_average_before=$LOAD_BEFORE (1/5/15 min; other work on the machine skews CPU figures)"
  echo "load_average_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git_commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo '+dirty')"
  echo "java=$(java -version 2>&1 | head -2 | tail -1)"
  echo "node=$(node --version 2>/dev/null || echo none)"
  echo "server_jvm_flags=$SERVER_JVM_FLAGS"
  echo "generator_jvm_flags=$GEN_JVM_FLAGS"
  if [[ "$SCENARIO" == "cluster" ]]; then
    if [[ "$PAIRED" == 1 ]]; then
      echo "pinning=paired: node a and the single node on core $SERVER_CORE, node b on core $GEN_CORE, generator, Redis and PostgreSQL unpinned; publishing alternates in $PHASE s phases"
    else
      echo "pinning=cluster: node a on core $SERVER_CORE, node b on core $GEN_CORE, generator, Redis and PostgreSQL unpinned; single node: server on core $SERVER_CORE, generator on core $GEN_CORE (taskset)"
    fi
  else
    echo "pinning=server on core $SERVER_CORE, generator on core $GEN_CORE (taskset)"
  fi
  echo "client=$CLIENT x$CLIENT_THREADS thread(s)"
  if [[ "$SCENARIO" == "fanout" ]]; then
    echo "protocol=$PROTOCOL (ours: ws = /ws, pusher = /app/{key}, a fresh server each); warm_at=$WARM_AT"
  fi
  echo "server_log_level=$LOG_LEVEL"
  echo "limits_raised=${LIMITS[*]}"
  if [[ "$SCENARIO" == "noisy" ]]; then
    echo "limits_default=per user 5 connections, 10 msgs/s per connection, 500 msgs/s per tenant, 60 REST/min per user, 1000 publishes/s per key, 1 MiB send queue, 200 channels"
    echo "noisy_sources=quiet tenant from 127.0.0.1, flood from 127.0.0.2..5, handshake storm from 127.0.0.6"
  else
    echo "limits_default=per user 5 connections, 10 msgs/s per connection, 1 MiB send queue, 200 channels"
  fi
  if [[ "$PUBLISH_PATH" == "broadcast" ]]; then
    echo "publish_path=ours: signed POST /api/v1/broadcast; peers: PATCH /api/v1/app/tasks/{id}; title t=<nanoTime>"
  else
    echo "publish_path=PATCH /api/v1/app/tasks/{id} (SQLite write per publish), title t=<nanoTime>"
  fi
  if [[ "$PROTOCOL" != ws || " $PEERS " == *" soketi "* ]]; then
    echo "publish_path_pusher=Pusher-protocol targets (zena-pusher, soketi): signed POST /apps/{app_id}/events to private-task.bench-tK, data {title: t=<nanoTime>, seq: N}; channel auth: ours POST /broadcasting/auth per connection, soketi signed by the generator"
  fi
} > "$ENV_FILE"

OUT="$ROOT/bench/results/$STAMP-$SCENARIO"
java -jar "$BENCH_JAR" report --out "$OUT" --env-file "$ENV_FILE" "${RESULTS[@]}"
cat "$OUT.md"
rm -rf "$WORK"
