#!/usr/bin/env bash
# The data-gen step on its own: writes a synthetic long-format Parquet dataset with Spark.
#
#   ./data-gen/generate.sh                                   # 10,000 Géron series -> work/data/geron
#   ./data-gen/generate.sh --set data.series=1000000          # a million, generated in parallel on the executors
#   ./data-gen/generate.sh --conf conf/damped-sine.conf       # Brownlee's damped sine
#   SPARK_MASTER=spark://host:7077 ./data-gen/generate.sh --set data.path=hdfs://nn/data/geron
#
# Layout: one row per observation, (unique_id STRING, ds BIGINT step from 0, y DOUBLE), the forecasting
# convention that users' own data also arrives in. Series i depends only on (data.seed, i).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../submit/run-local.sh" generate "$@"
