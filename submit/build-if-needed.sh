# Sourced by the submit scripts that start a JVM from the Maven-built jar: builds the project when the jar or its
# runtime classpath is missing or older than the sources. Sets $jar and $classpath_file; needs $repo.
jar="$repo/target/rnn-forecast.jar"
classpath_file="$repo/target/runtime-classpath.txt"
if [[ ! -f "$jar" || ! -f "$classpath_file" || "$repo/pom.xml" -nt "$classpath_file" \
      || -n "$(find "$repo/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "building rnn-forecast (first run downloads dependencies from Maven Central) ..." >&2
  # includeScope (not mdep.includeScope, which Maven ignores): compile + provided (Spark), no test jars.
  (cd "$repo" && mvn -B -q -Dmaven.test.skip=true package \
      && mvn -B -q dependency:build-classpath -DincludeScope=compile -Dmdep.outputFile="$classpath_file") >&2
fi
