#!/usr/bin/env bash
# A real Spark standalone cluster on this machine from the Maven-resolved Spark jars (no Spark download):
# one master and N workers bound to 127.0.0.1. For trying the job as it runs on a cluster.
#
#   ./submit/standalone-cluster.sh start [WORKERS] [CORES_PER_WORKER]   # default 2 workers x 1 core
#   SPARK_MASTER=spark://127.0.0.1:7077 ./submit/run-local.sh run
#   ./submit/standalone-cluster.sh status | stop
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
home="$repo/target/spark-home"
run="$home/run"
source "$here/java17-opens.sh"

spark_home() {
  # Spark's own runtime closure only (the application's jars reach executors in the shaded jar), resolved
  # through a throwaway pom at the project's Spark version.
  if [[ ! -d "$home/jars" || "$repo/pom.xml" -nt "$home/jars" || "$here/standalone-cluster.sh" -nt "$home/jars" ]]; then
    echo "collecting the Spark runtime jars into $home/jars ..." >&2
    local version scala
    version=$(cd "$repo" && mvn -B -q help:evaluate -Dexpression=spark.version -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")
    jackson=$(cd "$repo" && mvn -B -q help:evaluate -Dexpression=jackson.version -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")
    scala=$(cd "$repo" && mvn -B -q help:evaluate -Dexpression=scala.binary.version -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")
    mkdir -p "$home"
    cat > "$home/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>spark-home</artifactId><version>1</version><packaging>pom</packaging>
  <!-- Spark's own distribution ships one Jackson (2.15.2 for 3.5); Maven's nearest-wins alone picked jackson-core
       2.14.3 beside databind 2.15.2, and executors then failed with NoClassDefFoundError StreamConstraintsException -->
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>$jackson</version>
      <type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_$scala</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_$scala</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-mllib_$scala</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
    rm -rf "$home/jars"
    (cd "$home" && mvn -B -q dependency:copy-dependencies -DoutputDirectory="$home/jars") >&2
  fi
}

daemon() {  # name class args...
  local name="$1"; shift
  mkdir -p "$run"
  SPARK_HOME="$home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 \
    nohup java -Xmx1g $JAVA17_OPENS -cp "$home/jars/*" "$@" > "$run/$name.log" 2>&1 &
  echo $! > "$run/$name.pid"
}

case "${1:-}" in
  start)
    workers="${2:-2}"; cores="${3:-1}"
    spark_home
    daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080
    sleep 3
    for i in $(seq 1 "$workers"); do
      daemon "worker-$i" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 --host 127.0.0.1 \
        --cores "$cores" --memory 4g --webui-port $((8080 + i)) --work-dir "$run/work-$i"
    done
    for _ in $(seq 1 60); do
      alive=$(curl -s http://127.0.0.1:8080/json/ | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
      if [[ "${alive:-0}" -ge "$workers" ]]; then
        echo "spark://127.0.0.1:7077 up with $alive workers (UI http://127.0.0.1:8080)"
        exit 0
      fi
      sleep 1
    done
    echo "workers did not register; see $run/*.log" >&2
    exit 1
    ;;
  status)
    curl -s http://127.0.0.1:8080/json/ || { echo "no master on 127.0.0.1:8080" >&2; exit 1; }
    ;;
  stop)
    for pid in "$run"/*.pid; do
      [[ -f "$pid" ]] && kill "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    done
    echo stopped
    ;;
  *)
    echo "usage: $0 start [WORKERS] [CORES_PER_WORKER] | status | stop" >&2
    exit 2
    ;;
esac
