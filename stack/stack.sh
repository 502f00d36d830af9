#!/usr/bin/env bash
# The local stack for development and integration tests: ClickHouse 18.16 from
# Debian's clickhouse-server package and Apache Kafka (KRaft, one node) from its
# Maven Central jars, each run as a plain process of ours with its own config,
# data, logs and ports under <repo>/.stack/ (git-ignored). Nothing here touches
# the system ClickHouse service or its /var/lib data.
#
#   stack/stack.sh up       install what is missing, start, wait until ready
#   stack/stack.sh down     stop both (data is kept; rm -rf .stack/ to reset)
#   stack/stack.sh status   one line per service; exit 1 if any is down
#   stack/stack.sh env      shell exports for tests: eval "$(stack/stack.sh env)"
#
# One service alone (clickhouse or kafka), for chaos tests of ingest:
#   stack/stack.sh stop SERVICE             stop it; remember how to start it
#   stack/stack.sh start SERVICE            start it (as it was) and wait until ready
#   stack/stack.sh restart SERVICE [SECS]   stop, stay down SECS (default 0), start
#
# Ports can be moved with CONVQA_STACK_CH_PORT, CONVQA_STACK_CH_HTTP_PORT,
# CONVQA_STACK_KAFKA_PORT and CONVQA_STACK_KAFKA_CONTROLLER_PORT; a server
# still stopping after CONVQA_STACK_STOP_GRACE seconds (default 30) is killed.
set -euo pipefail

# Keep in step with <kafka.version> in stack/kafka/pom.xml.
KAFKA_VERSION=3.9.2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK="$ROOT/.stack"
RUN="$STACK/run"
LOGS="$STACK/logs"
CH_DIR="$STACK/clickhouse"
KAFKA_DIR="$STACK/kafka"
KAFKA_LIBS="$STACK/cache/kafka-libs"
POM="$ROOT/stack/kafka/pom.xml"

HOST=127.0.0.1
CH_PORT=${CONVQA_STACK_CH_PORT:-19000}
CH_HTTP_PORT=${CONVQA_STACK_CH_HTTP_PORT:-18123}
KAFKA_PORT=${CONVQA_STACK_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${CONVQA_STACK_KAFKA_CONTROLLER_PORT:-19093}
# A cold JVM on a 2-core machine that is also compiling tests can be slow.
READY_TIMEOUT=${CONVQA_STACK_READY_TIMEOUT:-120}
# ClickHouse 18.16 waits up to its poll interval (10 s) for idle client
# connections before it exits; a chaos restart that must stay short can cut
# that wait by killing it sooner (its parts are on disk either way).
STOP_GRACE=${CONVQA_STACK_STOP_GRACE:-30}
if ! [[ "$STOP_GRACE" =~ ^[0-9]+$ ]] || ((STOP_GRACE < 1 || STOP_GRACE > 300)); then
  echo "stack: error: CONVQA_STACK_STOP_GRACE '$STOP_GRACE' is not a number of seconds (1 to 300)" >&2
  exit 2
fi
for port in "$CH_PORT" "$CH_HTTP_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
    echo "stack: error: '$port' is not a TCP port (check CONVQA_STACK_*_PORT)" >&2
    exit 2
  fi
done

# shellcheck source=stack/configs.sh
. "$ROOT/stack/configs.sh"

log() { printf 'stack: %s\n' "$*" >&2; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites

# as_root runs apt-get as root, through sudo when we are not root.
as_root() {
  if [[ $(id -u) == 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else return 1
  fi
}

# apt_install installs Debian packages non-interactively. The package lists are
# refreshed only when the first try fails, since a fresh image may have none
# and an old one may point at files the mirror no longer has.
apt_install() {
  command -v apt-get >/dev/null ||
    die "apt-get not found: install $* by hand (this stack expects Debian bookworm)"
  local log_file="$LOGS/apt.log"
  log "installing $* with apt-get (log: ${log_file#"$ROOT"/})"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q --no-install-recommends "$@" >"$log_file" 2>&1; then
    as_root apt-get update -q >>"$log_file" 2>&1 || true
    as_root apt-get install -y -q --no-install-recommends "$@" >>"$log_file" 2>&1 ||
      { tail -n 20 "$log_file" >&2; die "apt-get install $* failed (as root: apt-get update && apt-get install $*)"; }
  fi
}

need_clickhouse() {
  if ! command -v clickhouse-server >/dev/null || ! command -v clickhouse-client >/dev/null; then
    apt_install clickhouse-server clickhouse-client
  fi
}

need_java() {
  command -v java >/dev/null ||
    die "java not found: Kafka needs Java 17 (Debian: apt-get install -y openjdk-17-jre-headless)"
}

need_mvn() {
  command -v mvn >/dev/null ||
    die "mvn not found: Maven fetches the Kafka jars once (Debian: apt-get install -y maven)"
}

# kafka_libs fetches the broker's jars once; the stamp names the pom they came
# from, so a changed pom (a new Kafka version) fetches again.
kafka_libs() {
  local want have=""
  want=$(sha256sum "$POM" | cut -d' ' -f1)
  [[ -f "$KAFKA_LIBS/.pom.sha256" ]] && have=$(<"$KAFKA_LIBS/.pom.sha256")
  [[ "$want" == "$have" ]] && return 0
  need_mvn
  log "fetching Kafka $KAFKA_VERSION jars with Maven into ${KAFKA_LIBS#"$ROOT"/}"
  local tmp="$KAFKA_LIBS.tmp"
  rm -rf "$tmp"
  mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" >"$LOGS/maven.log" 2>&1 ||
    { tail -n 30 "$LOGS/maven.log" >&2; die "Maven could not fetch the Kafka jars (full log: ${LOGS#"$ROOT"/}/maven.log)"; }
  echo "$want" >"$tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
}

# ------------------------------------------------------------------- processes

# alive succeeds when the pid file names a live process that is still ours:
# after a reboot the number may belong to something else.
alive() {
  local name=$1 marker=$2 pid
  [[ -f "$RUN/$name.pid" ]] || return 1
  pid=$(<"$RUN/$name.pid")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# shared_pid prints the pid of the process listening on a port when it is a
# service of another checkout's stack (its command line names a .stack/ path
# like ours, suffix). CI clones the repo afresh on a machine where a
# developer's stack may still run on these ports: sharing it is safe, since
# every test makes its own database and topics.
shared_pid() {
  local port=$1 suffix=$2 pid
  pid=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$suffix" || return 1
  echo "$pid"
}

# checkout_of names the checkout whose stack a process belongs to (it runs in
# <checkout>/.stack/<service>).
checkout_of() {
  local cwd
  cwd=$(readlink "/proc/$1/cwd" 2>/dev/null) || { echo "pid $1"; return; }
  dirname "$(dirname "$cwd")"
}

port_free_or_die() {
  ! port_open "$1" ||
    die "port $1 is taken by another process ($2); free it or set $3 to another port"
}

# spawn starts a command in its own session, so it outlives the shell (and the
# make) that started it and a Ctrl-C there does not reach it.
spawn() {
  local name=$1 dir=$2
  shift 2
  # fd 9 is the stack lock: a server that inherited it would hold it forever.
  (cd "$dir" && exec setsid "$@" </dev/null >>"$LOGS/$name.stdout" 2>&1 9>&-) &
  echo $! >"$RUN/$name.pid"
}

stop() {
  local name=$1 marker=$2 pid
  if ! alive "$name" "$marker"; then rm -f "$RUN/$name.pid"; return 0; fi
  pid=$(<"$RUN/$name.pid")
  log "stopping $name (pid $pid)"
  terminate "$name" "$pid"
  rm -f "$RUN/$name.pid"
}

# terminate asks a server to shut down cleanly and waits for it; one that is
# still there after STOP_GRACE seconds is killed.
terminate() {
  local name=$1 pid=$2 i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_GRACE * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within $STOP_GRACE s: killing it"
    kill -9 "$pid" 2>/dev/null || true
    # Its ports are free only once it is gone (a zombie left unreaped by
    # its parent would never go: do not wait for ever).
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
}

# --------------------------------------------------------------------- ClickHouse

CH_MARKER="--config-file=$CH_DIR/config.xml"
CH_SHARED=""

ch_running() {
  alive clickhouse "$CH_MARKER" || { [[ -n "$CH_SHARED" ]] && kill -0 "$CH_SHARED" 2>/dev/null; }
}

ch_ready() {
  [[ $(clickhouse-client --host "$HOST" --port "$CH_PORT" --connect_timeout 2 -q 'SELECT 1' 2>/dev/null) == 1 ]]
}

ch_check_ports() {
  if alive clickhouse "$CH_MARKER"; then return 0; fi
  if CH_SHARED=$(shared_pid "$CH_PORT" /.stack/clickhouse/config.xml); then return 0; fi
  port_free_or_die "$CH_PORT" "ClickHouse native" CONVQA_STACK_CH_PORT
  port_free_or_die "$CH_HTTP_PORT" "ClickHouse HTTP" CONVQA_STACK_CH_HTTP_PORT
}

ch_start() {
  if ch_running; then return 0; fi
  mkdir -p "$CH_DIR/data"
  # Written on every start, so a changed port or setting always takes effect.
  write_clickhouse_config
  # 18.16 runs as root without complaint (newer servers refuse when the data
  # directory has another owner, which cannot happen here), so it runs as
  # whoever runs the stack and the data stays theirs.
  spawn clickhouse "$CH_DIR" clickhouse-server "$CH_MARKER"
}

# ------------------------------------------------------------------------- Kafka

KAFKA_MARKER="$KAFKA_DIR/server.properties"
KAFKA_SHARED=""

kafka_running() {
  alive kafka "$KAFKA_MARKER" || { [[ -n "$KAFKA_SHARED" ]] && kill -0 "$KAFKA_SHARED" 2>/dev/null; }
}

# A modest heap: the machine has 2 cores and the tests, ClickHouse and the
# broker share them.
KAFKA_JVM=(java -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20
  -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true)

# kafka_tool runs one of Kafka's command-line classes, logging to stderr only
# so it never writes into the broker's log file.
kafka_tool() {
  timeout 30 java -Xmx256m -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$KAFKA_DIR/tools-log4j.properties" -cp "$KAFKA_LIBS/*" "$@"
}

# kafka_ready asks for metadata and the API versions of every broker it names:
# this answers only once the KRaft controller has let the broker in. A JVM per
# try is costly next to a booting broker, so it waits for the port first.
kafka_ready() {
  port_open "$KAFKA_PORT" || return 1
  kafka_tool kafka.admin.BrokerApiVersionsCommand --bootstrap-server "$HOST:$KAFKA_PORT" 2>/dev/null |
    grep -q "^$HOST:$KAFKA_PORT (id: 1"
}

kafka_listening() { port_open "$KAFKA_PORT"; }

kafka_check_ports() {
  if alive kafka "$KAFKA_MARKER"; then return 0; fi
  if KAFKA_SHARED=$(shared_pid "$KAFKA_PORT" /.stack/kafka/server.properties); then return 0; fi
  port_free_or_die "$KAFKA_PORT" "Kafka" CONVQA_STACK_KAFKA_PORT
  port_free_or_die "$KAFKA_CONTROLLER_PORT" "Kafka controller" CONVQA_STACK_KAFKA_CONTROLLER_PORT
}

kafka_start() {
  if kafka_running; then return 0; fi
  mkdir -p "$KAFKA_DIR/data"
  write_kafka_config
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    # A cluster id is 16 random bytes in unpadded URL-safe base64.
    local id
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_DIR/server.properties" \
      >>"$LOGS/kafka.stdout" 2>&1 ||
      { tail -n 20 "$LOGS/kafka.stdout" >&2; die "formatting Kafka's storage failed"; }
  fi
  spawn kafka "$KAFKA_DIR" "${KAFKA_JVM[@]}" -cp "$KAFKA_LIBS/*" \
    -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -Dkafka.logs.dir="$LOGS" \
    kafka.Kafka "$KAFKA_MARKER"
}

# ------------------------------------------------------------------------ waiting

# wait_ready polls a readiness check until it passes, the process dies, or the
# timeout runs out; the last two print the tails of its logs and fail. A server
# that cannot even read its config says so on stdout, not in its log file.
wait_ready() {
  local name=$1 running=$2 check=$3 logfile=$4 deadline=$((SECONDS + READY_TIMEOUT))
  until "$check"; do
    if ! "$running"; then
      tail -n 30 "$logfile" "$LOGS/$name.stdout" >&2 2>/dev/null || true
      die "$name exited during start-up (logs: ${LOGS#"$ROOT"/}/)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$logfile" "$LOGS/$name.stdout" >&2 2>/dev/null || true
      die "$name not ready after ${READY_TIMEOUT}s (logs: ${LOGS#"$ROOT"/}/; more time: CONVQA_STACK_READY_TIMEOUT)"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------------- commands

cmd_up() {
  local start=$SECONDS
  # Every port first, so a clash leaves nothing half-started.
  ch_check_ports
  kafka_check_ports
  [[ -z "$CH_SHARED" ]] || log "ClickHouse: using the stack of $(checkout_of "$CH_SHARED") (pid $CH_SHARED)"
  [[ -z "$KAFKA_SHARED" ]] || log "Kafka: using the stack of $(checkout_of "$KAFKA_SHARED") (pid $KAFKA_SHARED)"
  if ch_running && kafka_running && ch_ready && port_open "$KAFKA_PORT"; then
    log "already up (ClickHouse $HOST:$CH_PORT, Kafka $HOST:$KAFKA_PORT)"
    return 0
  fi
  need_clickhouse
  need_java
  kafka_libs
  # Both start at once; the JVM is the slow one.
  ch_start
  kafka_start
  wait_ready clickhouse ch_running ch_ready "$LOGS/clickhouse.err.log"
  log "ClickHouse $(clickhouse-client --host "$HOST" --port "$CH_PORT" -q 'SELECT version()') ready on $HOST:$CH_PORT (http $CH_HTTP_PORT)"
  wait_ready kafka kafka_running kafka_ready "$LOGS/kafka.log"
  log "Kafka $KAFKA_VERSION ready on $HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
  log "up in $((SECONDS - start))s; for tests: eval \"\$(stack/stack.sh env)\""
}

cmd_down() {
  # ClickHouse first: its Kafka engine tables are clients of the broker.
  stop clickhouse "$CH_MARKER"
  stop kafka "$KAFKA_MARKER"
  local pid
  if pid=$(shared_pid "$CH_PORT" /.stack/clickhouse/config.xml); then
    log "ClickHouse on $HOST:$CH_PORT is the stack of $(checkout_of "$pid"): left running"
  fi
  if pid=$(shared_pid "$KAFKA_PORT" /.stack/kafka/server.properties); then
    log "Kafka on $HOST:$KAFKA_PORT is the stack of $(checkout_of "$pid"): left running"
  fi
  log "down"
}

# status_line prints one service: its pid (ours, or another checkout's stack
# that we share) and whether it answers.
status_line() {
  local name=$1 marker=$2 port=$3 suffix=$4 check=$5 pid=- state=down
  if alive "$name" "$marker"; then
    pid=$(<"$RUN/$name.pid")
    "$check" && state=up
  elif pid=$(shared_pid "$port" "$suffix"); then
    "$check" && state="up (the stack of $(checkout_of "$pid"))"
  else
    pid=-
  fi
  printf '%-11s %-8s %-16s %s\n' "$name" "$pid" "$HOST:$port" "$state"
  [[ $state == up* ]]
}

cmd_status() {
  local rc=0
  printf '%-11s %-8s %-16s %s\n' SERVICE PID ADDRESS STATE
  status_line clickhouse "$CH_MARKER" "$CH_PORT" /.stack/clickhouse/config.xml ch_ready || rc=1
  status_line kafka "$KAFKA_MARKER" "$KAFKA_PORT" /.stack/kafka/server.properties kafka_listening || rc=1
  return $rc
}

cmd_env() {
  echo "export CONVQA_CLICKHOUSE_ADDR=$HOST:$CH_PORT"
  echo "export CONVQA_KAFKA_BROKERS=$HOST:$KAFKA_PORT"
}

# ------------------------------------------------------- one service alone

# stop, start and restart act on one service, for chaos tests: ingest must
# survive ClickHouse or Kafka going away. The service may be ours or another
# checkout's stack that we share (see shared_pid); either way stop records
# the process's command line, environment and directory, and start runs that
# very command again, so the server keeps its data and ports, and its owner's
# pid file is moved to the new pid so that its own stack.sh still knows it.

# service sets SVC_* for a service name, or dies naming the allowed ones.
service() {
  case $1 in
    clickhouse)
      SVC_MARKER=$CH_MARKER SVC_PORT=$CH_PORT SVC_SUFFIX=/.stack/clickhouse/config.xml
      SVC_READY=ch_ready SVC_RUNNING=ch_running SVC_LOG=clickhouse.err.log ;;
    kafka)
      SVC_MARKER=$KAFKA_MARKER SVC_PORT=$KAFKA_PORT SVC_SUFFIX=/.stack/kafka/server.properties
      SVC_READY=kafka_ready SVC_RUNNING=kafka_running SVC_LOG=kafka.log ;;
    *) die "unknown service '$1' (allowed: clickhouse, kafka)" ;;
  esac
}

# service_pid prints the running service's pid: ours, else a shared one.
service_pid() {
  if alive "$1" "$SVC_MARKER"; then cat "$RUN/$1.pid"; return 0; fi
  shared_pid "$SVC_PORT" "$SVC_SUFFIX"
}

cmd_stop() {
  local name=$1 rec="$RUN/$1.respawn" pid cwd owner
  if ! pid=$(service_pid "$name"); then
    log "$name is not running"
    return 0
  fi
  cwd=$(readlink "/proc/$pid/cwd") || die "cannot read the directory of $name (pid $pid)"
  owner=$(dirname "$(dirname "$cwd")")
  rm -rf "$rec"
  mkdir -p "$rec"
  # Copied before the process goes: /proc forgets it with the process.
  cat "/proc/$pid/cmdline" >"$rec/argv"
  cat "/proc/$pid/environ" >"$rec/environ"
  printf '%s\n' "$cwd" >"$rec/cwd"
  printf '%s\n' "$owner" >"$rec/owner"
  printf '%s\n' "$pid" >"$rec/pid"
  log "stopping $name (pid $pid, the stack of $owner)"
  terminate "$name" "$pid"
  [[ $owner != "$ROOT" ]] || rm -f "$RUN/$name.pid"
}

# respawn starts the process that cmd_stop recorded and prints its pid.
respawn() {
  local name=$1 rec=$2 cwd owner old pid pidfile
  local -a argv envs
  mapfile -d '' -t argv <"$rec/argv"
  mapfile -d '' -t envs <"$rec/environ"
  ((${#argv[@]} > 0)) || die "no command recorded in ${rec#"$ROOT"/}"
  cwd=$(<"$rec/cwd") owner=$(<"$rec/owner") old=$(<"$rec/pid")
  # As spawn does: its own session, no stack lock, output to the owner's logs.
  (cd "$cwd" && exec setsid env -i "${envs[@]}" "${argv[@]}" \
    </dev/null >>"$owner/.stack/logs/$name.stdout" 2>&1 9>&-) &
  pid=$!
  pidfile="$owner/.stack/run/$name.pid"
  # Only a pid file that still names the process we stopped is moved on: an
  # owner that has meanwhile run `down` or `up` keeps what it wrote.
  if [[ $owner == "$ROOT" ]] || { [[ -f $pidfile ]] && [[ $(<"$pidfile") == "$old" ]]; }; then
    echo "$pid" >"$pidfile"
  fi
  echo "$pid"
}

cmd_start() {
  local name=$1 rec="$RUN/$1.respawn" pid owner=$ROOT start=$SECONDS
  if pid=$(service_pid "$name"); then
    log "$name is already running (pid $pid)"
    owner=$(checkout_of "$pid")
  elif [[ -f $rec/cwd && -d $(<"$rec/cwd") ]]; then
    owner=$(<"$rec/owner")
    pid=$(respawn "$name" "$rec")
    rm -rf "$rec"
    log "started $name again (pid $pid)"
  else
    # Nothing recorded, or a record whose checkout is gone: a fresh start.
    rm -rf "$rec"
    if [[ $name == clickhouse ]]; then
      ch_check_ports
      need_clickhouse
      ch_start
    else
      kafka_check_ports
      need_java
      kafka_libs
      kafka_start
    fi
  fi
  [[ $owner == "$ROOT" ]] || use_stack_of "$owner" "$name" "$pid"
  wait_ready "$name" "$SVC_RUNNING" "$SVC_READY" "$LOGS/$SVC_LOG"
  log "$name ready on $HOST:$SVC_PORT after $((SECONDS - start))s"
}

# use_stack_of points the readiness checks at another checkout's server: its
# pid, its logs, and its copy of Kafka's tools, which this checkout may never
# have fetched.
use_stack_of() {
  local owner=$1 name=$2 pid=$3
  if [[ $name == clickhouse ]]; then CH_SHARED=$pid; else KAFKA_SHARED=$pid; fi
  LOGS="$owner/.stack/logs"
  KAFKA_DIR="$owner/.stack/kafka"
  KAFKA_LIBS="$owner/.stack/cache/kafka-libs"
}

cmd_restart() {
  local name=$1 down=${2:-0} start=$SECONDS
  if ! [[ $down =~ ^[0-9]+$ ]] || ((down > 300)); then
    die "restart $name: '$down' is not a number of seconds (0 to 300)"
  fi
  cmd_stop "$name"
  sleep "$down"
  cmd_start "$name"
  log "$name restarted: $((SECONDS - start))s from stop to ready"
}

main() {
  local cmd=${1:-}
  case "$cmd" in
    env) cmd_env; return ;;
    status) cmd_status; return ;;
    up | down) ;;
    stop | start) (($# == 2)) || usage; service "$2" ;;
    restart) (($# == 2 || $# == 3)) || usage; service "$2" ;;
    *) usage ;;
  esac
  mkdir -p "$RUN" "$LOGS"
  # One command at a time: parallel `make` targets may all ask for the stack.
  exec 9>"$RUN/stack.lock"
  flock -w 300 9 || die "another stack/stack.sh command is still running (lock: ${RUN#"$ROOT"/}/stack.lock)"
  "cmd_$cmd" "${@:2}"
}

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main "$@"
