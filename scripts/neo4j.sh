#!/usr/bin/env bash
# Start, stop or query a local Neo4j 5 Community server for tests and quick local use.
#
#   bash scripts/neo4j.sh start|stop|status
#   bash scripts/neo4j.sh admin ARGS...   run neo4j-admin (e.g. `database import full ...`) on the
#                                         server's data, in the current folder; the server must be stopped
#
# The server is neo4j-server/ (Neo4j's own harness + Browser jars from Maven Central, built with mvn on
# first use). Data, logs, pid file and the "ready" marker live in .neo4j/ at the repo root, or in
# $NEO4J_STATE_DIR (a second server on other ports, e.g. one started on an imported database).
#
# Environment (all optional):
#   NEO4J_USERNAME / NEO4J_PASSWORD   credentials the server accepts (default neo4j / kgraph-test-password)
#   NEO4J_BOLT_PORT / NEO4J_HTTP_PORT listen ports on 127.0.0.1 (default 7687 / 7474)
#   NEO4J_JAVA                        java binary (default: Java 17, else $JAVA_HOME, else java on PATH)
#   NEO4J_START_TIMEOUT               seconds to wait for start (default 120)
#   NEO4J_HEAP                        JVM max heap (default 1g)
#   NEO4J_STATE_DIR                   data, logs and pid file (default .neo4j/ at the repo root)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/neo4j-server"
STATE="${NEO4J_STATE_DIR:-$ROOT/.neo4j}"  # data, logs, pid file
PID_FILE="$STATE/neo4j.pid"
READY_FILE="$STATE/ready"                # written by Server.java once credentials are set
LOG="$STATE/logs/server.out"             # JVM stdout/stderr; Neo4j's debug.log is beside it
BUILD_LOG="$STATE/logs/build.log"        # mvn output

export NEO4J_USERNAME="${NEO4J_USERNAME:-neo4j}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-kgraph-test-password}"
BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
TIMEOUT="${NEO4J_START_TIMEOUT:-120}"

# Neo4j 5.26 supports Java 17 and 21; prefer the system Java 17.
pick_java() {
    if [[ -n "${NEO4J_JAVA:-}" ]]; then echo "$NEO4J_JAVA"
    elif [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java
    elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"
    else command -v java
    fi
}
JAVA="$(pick_java)"

# PID of our running server, or empty (ignores stale pid files and recycled pids).
server_pid() {
    local pid
    [[ -f "$PID_FILE" ]] || return 0
    pid="$(cat "$PID_FILE")"
    if [[ -n "$pid" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kgraph.neo4j.Server'; then
        echo "$pid"
    fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Build only when the classes or the classpath are missing or older than the sources.
build() {
    local cp="$PROJECT/target/classpath.txt" cls="$PROJECT/target/classes/kgraph/neo4j/Server.class"
    if [[ -f "$cp" && -f "$cls" && "$cls" -nt "$PROJECT/pom.xml" \
          && "$cls" -nt "$PROJECT/src/main/java/kgraph/neo4j/Server.java" ]]; then
        local jar missing=0
        IFS=: read -r -a jars < "$cp" || true   # the file has no trailing newline
        for jar in "${jars[@]}"; do [[ -f "$jar" ]] || { missing=1; break; }; done
        [[ $missing == 0 ]] && return 0
    fi
    echo "Building neo4j-server (first run downloads Neo4j from Maven Central; log: $BUILD_LOG)..."
    local java_home
    java_home="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
    mkdir -p "$STATE/logs"
    if ! JAVA_HOME="$java_home" mvn -B -f "$PROJECT/pom.xml" compile > "$BUILD_LOG" 2>&1; then
        echo "ERROR: build failed; last lines of $BUILD_LOG:" >&2
        tail -n 30 "$BUILD_LOG" >&2
        exit 1
    fi
}

fail_with_log() {
    echo "ERROR: $1" >&2
    echo "---- last lines of $LOG ----" >&2
    tail -n 30 "$LOG" >&2 2>/dev/null || true
    echo "---- last warnings/errors in $STATE/logs/debug.log ----" >&2
    grep -E ' (WARN|ERROR) ' "$STATE/logs/debug.log" 2>/dev/null | tail -n 10 >&2 || true
    exit 1
}

start() {
    local pid
    pid="$(server_pid)"
    if [[ -n "$pid" ]]; then
        echo "Neo4j already running (pid $pid): $(cat "$READY_FILE" 2>/dev/null || echo starting)"
        return 0
    fi
    for port in "$BOLT_PORT" "$HTTP_PORT"; do
        port_open "$port" && { echo "ERROR: port $port is already in use" >&2; exit 1; }
    done
    build
    mkdir -p "$STATE/logs"
    rm -f "$READY_FILE" "$PID_FILE"
    rm -rf "$STATE/run"                  # the harness's scratch folder, left over after a kill -9

    echo "Starting Neo4j (log: $LOG)..."
    # setsid: detach from the caller's process group so the server outlives this shell.
    nohup setsid "$JAVA" -Xms256m -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
        -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true \
        --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
        -cp "$PROJECT/target/classes:$(cat "$PROJECT/target/classpath.txt")" \
        kgraph.neo4j.Server "$STATE" "$BOLT_PORT" "$HTTP_PORT" > "$LOG" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$PID_FILE"

    local waited=0
    until [[ -f "$READY_FILE" ]] && port_open "$BOLT_PORT"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            fail_with_log "Neo4j exited during start"
        fi
        if (( waited >= TIMEOUT )); then
            stop > /dev/null
            fail_with_log "Neo4j did not start within ${TIMEOUT}s"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    echo "Neo4j running (pid $pid) after ${waited}s: $(cat "$READY_FILE")"
}

stop() {
    local pid
    pid="$(server_pid)"
    if [[ -z "$pid" ]]; then
        echo "Neo4j not running"
        rm -f "$PID_FILE" "$READY_FILE"
        return 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 60); do            # clean shutdown normally takes a few seconds
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "Neo4j did not stop after 60s; killing pid $pid" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE" "$READY_FILE"
    echo "Neo4j stopped"
}

# neo4j-admin, run as its Java main class (org.neo4j.cli.AdminTool from Neo4j's jars; the
# harness's classpath holds neo4j-import-tool), with the server's folder as NEO4J_HOME.
admin() {
    [[ -z "$(server_pid)" ]] || { echo "ERROR: stop the server first (neo4j-admin needs it stopped)" >&2; exit 1; }
    build
    mkdir -p "$STATE/conf" "$STATE/logs"
    touch "$STATE/conf/neo4j.conf"
    NEO4J_HOME="$STATE" NEO4J_CONF="$STATE/conf" "$JAVA" -Xmx"${NEO4J_HEAP:-1g}" \
        -cp "$PROJECT/target/classes:$(cat "$PROJECT/target/classpath.txt")" org.neo4j.cli.AdminTool "$@"
}

status() {
    local pid
    pid="$(server_pid)"
    if [[ -n "$pid" && -f "$READY_FILE" ]]; then
        echo "Neo4j running (pid $pid): $(cat "$READY_FILE")"
    elif [[ -n "$pid" ]]; then
        echo "Neo4j starting (pid $pid)"
        return 1
    else
        echo "Neo4j not running"
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    admin) shift; admin "$@" ;;
    *) echo "usage: $0 start|stop|status|admin ARGS..." >&2; exit 2 ;;
esac
