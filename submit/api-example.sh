#!/usr/bin/env bash
# Runs the README's API example (src/test/java/io/rnnforecast/examples/ApiExample.java) with Java's source-file
# launcher on the project's jar: fit, evaluate, save, load and forecast on local[*] Spark.
#
#   ./submit/api-example.sh [DIR]     # DIR (default work/api-example) receives the saved model
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
# shellcheck source=local-jvm.sh
source "$here/local-jvm.sh"
cd "$repo"
exec java -Xmx"${DRIVER_MEMORY:-4g}" $JAVA17_OPENS -Dlog4j2.configurationFile="file:$repo/conf/log4j2.properties" \
  -cp "$jar:$(cat "$classpath_file")" src/test/java/io/rnnforecast/examples/ApiExample.java "$@"
