# Sourced by the submit scripts that start a JVM from the Maven-built jar (needs $here, $repo). Builds the project
# when the jar or its runtime classpath is missing or older than the sources, sets $jar, $classpath_file and
# $JAVA17_OPENS, and the environment every local Spark JVM here runs with.
# shellcheck source=java17-opens.sh
source "$here/java17-opens.sh"
jar="$repo/target/rnn-forecast.jar"
classpath_file="$repo/target/runtime-classpath.txt"
if [[ ! -f "$jar" || ! -f "$classpath_file" || "$repo/pom.xml" -nt "$classpath_file" \
      || -n "$(find "$repo/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "building rnn-forecast (first run downloads dependencies from Maven Central) ..." >&2
  # includeScope (not mdep.includeScope, which Maven ignores): compile + provided (Spark), no test jars.
  (cd "$repo" && mvn -B -q -Dmaven.test.skip=true package \
      && mvn -B -q dependency:build-classpath -DincludeScope=compile -Dmdep.outputFile="$classpath_file") >&2
fi
# Parallelism comes from Spark tasks, one per core: native BLAS stays single-threaded (the fused layers also use
# their BLAS path only then).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# Bind and advertise loopback unless told otherwise (else Spark picks the external interface).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
