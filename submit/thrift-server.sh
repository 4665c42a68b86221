#!/usr/bin/env bash
# Spark's Thrift JDBC/ODBC server (HiveThriftServer2) over the job's result catalog, on 127.0.0.1:10000, from
# Maven-resolved jars (no Spark download). JDBC clients (beeline, DBeaver, any Hive JDBC driver) then query the
# result tables by name: jdbc:hive2://127.0.0.1:10000/rnn_forecast.
#
#   ./submit/thrift-server.sh start [--conf FILE] [--set key=value ...]   # the job's settings choose the catalog
#   ./submit/thrift-server.sh beeline -e "SELECT model, mse FROM summary"    # Hive's BeeLine, connected to it
#   ./submit/thrift-server.sh status | stop
#
# With the default Derby metastore (<workdir>/catalog/metastore_db), `start` first starts a Derby network server on
# catalog.derby-server (127.0.0.1:1527) over that database, and the Thrift server reaches the metastore through it.
# Jobs started while it listens go through it too (the job probes it), so jobs and the server share the catalog;
# with no network server a job opens the database itself and holds it until it ends. `start` while a job holds it
# fails and says so; start the server before such jobs, or between them. With catalog.metastore-uri the server
# uses that Hive metastore and no Derby server is started. THRIFT_PORT, THRIFT_MEMORY (2g) and SPARK_MASTER
# (local[2]) change the defaults.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
home="$repo/target/thrift-home"
run="$home/run"
# shellcheck source=java17-opens.sh
source "$here/java17-opens.sh"
host=127.0.0.1
port="${THRIFT_PORT:-10000}"

thrift_home() {
  # Spark at the project's version, its Thrift server module at the newest release on Maven Central (3.5.4: its own
  # Spark dependencies excluded, it runs on the project's), Hive's BeeLine and JDBC driver (its dependencies) and
  # Derby's network server and client.
  if [[ ! -d "$home/jars" || "$repo/pom.xml" -nt "$home/jars" ]]; then
    echo "collecting the Thrift server's jars into $home/jars ..." >&2

    local spark scala thrift derby slf4j jackson
    spark=$(property spark.version); scala=$(property scala.binary.version)
    thrift=$(property spark.thriftserver.version); derby=$(property derby.version)
    slf4j=$(property slf4j.version); jackson=$(property jackson.version)
    mkdir -p "$home"
    cat > "$home/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>thrift-home</artifactId><version>1</version><packaging>pom</packaging>
  <!-- as the project pins them: Hive's dependencies would bring slf4j 1.7 (no logging at all with Spark 3.5) -->
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>$slf4j</version></dependency>
      <dependency>
        <groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>$jackson</version>
        <type>pom</type><scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_$scala</artifactId><version>$spark</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_$scala</artifactId><version>$spark</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-hive_$scala</artifactId><version>$spark</version></dependency>
    <dependency>
      <groupId>org.apache.spark</groupId><artifactId>spark-hive-thriftserver_$scala</artifactId><version>$thrift</version>
      <exclusions><exclusion><groupId>org.apache.spark</groupId><artifactId>*</artifactId></exclusion></exclusions>
    </dependency>
    <dependency><groupId>org.apache.derby</groupId><artifactId>derbynet</artifactId><version>$derby</version></dependency>
    <dependency><groupId>org.apache.derby</groupId><artifactId>derbyclient</artifactId><version>$derby</version></dependency>
  </dependencies>
</project>
POM
    rm -rf "$home/jars"
    (cd "$home" && mvn -B -q dependency:copy-dependencies -DoutputDirectory="$home/jars") >&2
  fi
}

property() {  # a property of the project's pom
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$repo/pom.xml" | head -1
}

daemon() {  # log pid-file command...: in the background, without the descriptors this script inherited (a build
  # lock taken with flock(1) around this script would otherwise stay held as long as the daemon lives)
  local log="$1" pidfile="$2"; shift 2
  (
    for fd in /proc/self/fd/*; do
      n="${fd##*/}"
      if (( n > 2 )); then eval "exec $n>&-" 2>/dev/null || true; fi
    done
    exec nohup "$@" > "$log" 2>&1 < /dev/null
  ) &
  echo $! > "$pidfile"
}

listening() {  # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

alive() {  # pid file
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

catalog_settings() {  # job options...: the job's catalog settings, through the Derby network server if Derby
  local out
  if out=$("$here/run-local.sh" catalog --derby-server "$@" 2>"$run/catalog.err"); then
    printf '%s\n' "$out"
  elif out=$("$here/run-local.sh" catalog "$@" 2>"$run/catalog.err"); then   # catalog.derby-server = "": embedded
    printf '%s\n' "$out"
  else
    cat "$run/catalog.err" >&2
    return 1
  fi
}

start_derby() {  # derby_host derby_port database
  local dhost="$1" dport="$2" db="$3"
  if listening "$dhost" "$dport"; then
    echo "a Derby network server already listens on $dhost:$dport: the Thrift server uses it" >&2
    return 0
  fi
  mkdir -p "$(dirname "$db")"
  # No security manager: the database is an absolute path outside derby.system.home. Bound to $dhost only.
  daemon "$run/derby.log" "$run/derby.pid" \
    java -Xmx512m -cp "$home/jars/*" -Dderby.stream.error.file="$(dirname "$db")/derby-server.log" \
    org.apache.derby.drda.NetworkServerControl start -h "$dhost" -p "$dport" -noSecurityManager
  echo "$dhost $dport" > "$run/derby.address"
  for _ in $(seq 1 30); do
    listening "$dhost" "$dport" && { echo "Derby network server on $dhost:$dport over $db" >&2; return 0; }
    alive "$run/derby.pid" || break
    sleep 1
  done
  echo "the Derby network server did not start; see $run/derby.log" >&2
  return 1
}

stop_derby() {
  if alive "$run/derby.pid"; then
    read -r dhost dport < "$run/derby.address"
    java -cp "$home/jars/*" org.apache.derby.drda.NetworkServerControl shutdown -h "$dhost" -p "$dport" \
      >/dev/null 2>&1 || kill "$(cat "$run/derby.pid")" 2>/dev/null || true
    for _ in $(seq 1 20); do alive "$run/derby.pid" || break; sleep 0.5; done
  fi
  rm -f "$run/derby.pid" "$run/derby.address"
}

case "${1:-}" in
  start)
    shift
    mkdir -p "$run"
    if alive "$run/thrift.pid"; then
      echo "a Thrift server started here already runs (pid $(cat "$run/thrift.pid")); ./submit/thrift-server.sh stop first" >&2
      exit 1
    fi
    if listening "$host" "$port"; then
      echo "something already listens on $host:$port (THRIFT_PORT picks another port)" >&2
      exit 1
    fi
    thrift_home
    settings=$(catalog_settings "$@")
    confs=()
    url=""
    while IFS= read -r line; do
      [[ -z "$line" ]] && continue
      confs+=(--conf "$line")
      [[ "$line" == spark.hadoop.javax.jdo.option.ConnectionURL=* ]] && url="${line#*=}"
    done <<< "$settings"
    if [[ "$url" =~ ^jdbc:derby://([^:/]+):([0-9]+)/(.*)\;create=true$ ]]; then
      start_derby "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    fi
    printf '%s\n' "$settings" > "$run/catalog.conf"
    cd "$run"   # where Hive and Derby leave their stray files
    # shellcheck disable=SC2086
    daemon "$run/thrift-server.log" "$run/thrift.pid" \
      env SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 java -Xmx"${THRIFT_MEMORY:-2g}" $JAVA17_OPENS \
      -Dlog4j2.configurationFile="file:$repo/conf/log4j2.properties" -cp "$home/jars/*" \
      org.apache.spark.deploy.SparkSubmit --master "${SPARK_MASTER:-local[2]}" --name rnn-forecast-thrift-server \
      --class org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 \
      --conf spark.ui.enabled=false "${confs[@]}" \
      spark-internal \
      --hiveconf hive.server2.thrift.bind.host="$host" --hiveconf hive.server2.thrift.port="$port"
    for _ in $(seq 1 180); do
      if listening "$host" "$port"; then
        echo "Thrift JDBC server on jdbc:hive2://$host:$port/ (pid $(cat "$run/thrift.pid"), log $run/thrift-server.log)"
        exit 0
      fi
      alive "$run/thrift.pid" || break
      sleep 1
    done
    if grep -q "Another instance of Derby may have already booted the database" "$run/thrift-server.log"; then
      echo "the catalog's Derby metastore is held by a job that opened it without the network server (embedded):" \
           "start the Thrift server when that job has ended" >&2
    else
      echo "the Thrift server did not start; the end of $run/thrift-server.log:" >&2
      grep -v '^\s*at ' "$run/thrift-server.log" | tail -20 >&2
    fi
    alive "$run/thrift.pid" && kill "$(cat "$run/thrift.pid")"
    rm -f "$run/thrift.pid"
    stop_derby
    exit 1
    ;;
  beeline)
    shift
    thrift_home
    exec java -Xmx512m -Dlog4j2.configurationFile="file:$repo/conf/log4j2.properties" -cp "$home/jars/*" \
      org.apache.hive.beeline.BeeLine -u "jdbc:hive2://$host:$port/${DATABASE:-rnn_forecast}" "$@"
    ;;
  status)
    code=0
    if alive "$run/thrift.pid" && listening "$host" "$port"; then
      echo "Thrift JDBC server: jdbc:hive2://$host:$port/ (pid $(cat "$run/thrift.pid"))"
    else
      echo "Thrift JDBC server: not running"; code=1
    fi
    if alive "$run/derby.pid"; then
      read -r dhost dport < "$run/derby.address"
      echo "Derby network server: $dhost:$dport (pid $(cat "$run/derby.pid"))"
    fi
    [[ -f "$run/catalog.conf" && $code -eq 0 ]] && sed 's/^/  /' "$run/catalog.conf"
    exit $code
    ;;
  stop)
    if alive "$run/thrift.pid"; then
      kill "$(cat "$run/thrift.pid")"
      for _ in $(seq 1 30); do alive "$run/thrift.pid" || break; sleep 0.5; done
      alive "$run/thrift.pid" && kill -9 "$(cat "$run/thrift.pid")"
    fi
    rm -f "$run/thrift.pid"
    stop_derby
    echo stopped
    ;;
  *)
    echo "usage: $0 start [--conf FILE] [--set key=value ...] | beeline [BeeLine options] | status | stop" >&2
    exit 2
    ;;
esac
