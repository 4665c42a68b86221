#!/usr/bin/env bash
# Submits the job with your own Spark 3.5 (Scala 2.12) installation and the shaded application jar.
#
#   SPARK_HOME=/opt/spark ./submit/spark-submit.sh --master spark://master:7077 [spark-submit options] -- run [job options]
#
# Options before `--` go to spark-submit (defaults: --deploy-mode client, driver memory 4g); the rest go to the job.
# The Java 17 options are passed to the driver (client mode) and, harmlessly, to the executors.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
# shellcheck source=java17-opens.sh
source "$here/java17-opens.sh"

if [[ -z "${SPARK_HOME:-}" || ! -x "$SPARK_HOME/bin/spark-submit" ]]; then
  echo "spark-submit.sh: set SPARK_HOME to a Spark 3.5 installation (no \$SPARK_HOME/bin/spark-submit found);" \
       "without one, use ./submit/run-local.sh" >&2
  exit 2
fi
jar="${APP_JAR:-$repo/target/rnn-forecast-spark.jar}"
if [[ ! -f "$jar" ]]; then
  echo "building $jar ..." >&2
  (cd "$repo" && mvn -B -q -Dmaven.test.skip=true package) >&2
fi

submit_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  submit_args+=("$1")
  shift
done
[[ "${1:-}" == "--" ]] && shift
if [[ $# -eq 0 ]]; then
  echo "spark-submit.sh: give the job's command after --, e.g. -- run" >&2
  exit 2
fi

# One Spark task per core: native BLAS single-threaded (the fused layers use their BLAS path only then).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec "$SPARK_HOME/bin/spark-submit" \
  --class io.rnnforecast.job.Main \
  --driver-memory "${DRIVER_MEMORY:-4g}" \
  --driver-java-options "$JAVA17_OPENS" \
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPENS" \
  --conf "spark.executorEnv.OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}" \
  "${submit_args[@]}" \
  "$jar" "$@"
