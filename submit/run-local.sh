#!/usr/bin/env bash
# Runs the job on the embedded default: no Spark installation needed. Builds the project with Maven when needed,
# then starts org.apache.spark.deploy.SparkSubmit (the class behind spark-submit) from the Maven-resolved jars.
#
#   ./submit/run-local.sh run                          # the quick start: generate, train, evaluate
#   ./submit/run-local.sh train --conf conf/damped-sine.conf --set train.epochs=20
#   SPARK_MASTER='local[4]' DRIVER_MEMORY=8g ./submit/run-local.sh run
#   SPARK_MASTER=spark://127.0.0.1:7077 ./submit/run-local.sh run   # a standalone cluster
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
# shellcheck source=local-jvm.sh
source "$here/local-jvm.sh"
master="${SPARK_MASTER:-local[*]}"
app_jar="$jar"
if [[ "$master" != local* ]]; then
  # Executors on a cluster get only Spark's jars: ship the shaded application jar with everything else.
  app_jar="$repo/target/rnn-forecast-spark.jar"
fi
log_conf="${LOG4J_CONF:-$repo/conf/log4j2.properties}"
exec java ${DRIVER_JAVA_OPTS:-} -Xmx"${DRIVER_MEMORY:-4g}" $JAVA17_OPENS \
  -Dlog4j2.configurationFile="file:$log_conf" \
  -cp "$jar:$(cat "$classpath_file")" \
  org.apache.spark.deploy.SparkSubmit \
  --master "$master" \
  --conf "spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=file:$log_conf" \
  --conf "spark.executorEnv.OMP_NUM_THREADS=$OMP_NUM_THREADS" \
  --class io.rnnforecast.job.Main \
  "$app_jar" "$@"
