#!/usr/bin/env bash
# Exports real series from R's `datasets` package (AirPassengers, co2, Nile, lynx, ...) to long-format CSV with
# real calendar dates, for the comparison with R's forecast package (issue 8, item 6).
#
#   ./data-gen/r-datasets.sh                    # -> data-gen/out/r-datasets/
#   ./data-gen/r-datasets.sh /tmp/r-datasets    # another directory
#
# Writes calendar.csv (yearly/quarterly/monthly, ds = yyyy-MM-01), calendar-meta.csv (unique_id, frequency, m,
# n, horizon), steps.csv and steps-meta.csv (series without calendar time, ds = 0, 1, 2, ...). Which series and
# why some are left out: data-gen/r-datasets.R. Then data-gen/r-covariates.R writes two series with their
# covariates, one file each: seatbelts.csv (drivers with kms, PetrolPrice, law) and freeny.csv (freeny$y with
# its four regressors), with seatbelts-meta.csv and freeny-meta.csv (bench/covariates_r.R reads them).
# Check them with the job's reader:
#
#   ./submit/run-local.sh check --set data.generator=none --set data.format=csv \
#     --set data.path=data-gen/out/r-datasets/calendar.csv
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out/r-datasets}"

if ! command -v Rscript >/dev/null 2>&1; then
  echo "r-datasets.sh: Rscript not found; install R first (Debian/Ubuntu: apt-get install r-base-core)" >&2
  exit 1
fi
Rscript "$here/r-datasets.R" "$out"
exec Rscript "$here/r-covariates.R" "$out"
