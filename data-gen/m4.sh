#!/usr/bin/env bash
# Converts the M4 competition's wide CSV files (../shared/data/m4: one series per row, its id in V1, then its
# values, then empty fields) to the job's long format with integer steps (the files carry no dates): one file per
# frequency with each series' training values followed by its test values, so that `split.mode = time` with
# `split.cutoffs = 1` and `window.horizon` = M4's horizon scores exactly the competition's holdout.
#
#   ./data-gen/m4.sh                          # -> data-gen/out/m4/{hourly,weekly}.csv
#   ./data-gen/m4.sh /tmp/m4 ../shared/data/m4 Hourly
#
# Writes FREQ.csv (unique_id,ds,y; ds = 0, 1, 2, ...) and FREQ-meta.csv (unique_id,n_train,n_test) per frequency.
# Checks that every series has a test row with the same number of values (48 hourly, 13 weekly) and fails naming
# the series otherwise. Read them with:
#
#   ./submit/run-local.sh check --set data.generator=none --set data.format=csv --set data.path=data-gen/out/m4/hourly.csv
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/out/m4}"
src="${2:-$here/../../shared/data/m4}"
frequencies="${3:-Hourly Weekly}"
mkdir -p "$out"
for freq in $frequencies; do
  train="$src/$freq-train.csv"
  test="$src/$freq-test.csv"
  [[ -f "$train" && -f "$test" ]] || { echo "m4.sh: $train or $test not found" >&2; exit 1; }
  lower="$(tr '[:upper:]' '[:lower:]' <<< "$freq")"
  # gsub the quotes, skip the header; a test row's id must have a training row; one horizon for the whole file
  awk -F, -v long="$out/$lower.csv" -v meta="$out/$lower-meta.csv" -v name="$freq" '
    FNR == 1 { next }
    { gsub(/"/, ""); id = $1; n = 0; for (i = 2; i <= NF && $i != ""; i++) v[++n] = $i }
    NR == FNR { order[++ids] = id; ntrain[id] = n; for (k = 1; k <= n; k++) values[id, k] = v[k]; next }
    {
      if (!(id in ntrain)) { printf "m4.sh: %s test row %s has no training row\n", name, id > "/dev/stderr"; exit 1 }
      if (horizon == "") horizon = n
      if (n != horizon) { printf "m4.sh: %s test row %s has %d values, the others %d\n", name, id, n, horizon > "/dev/stderr"; exit 1 }
      ntest[id] = n; for (k = 1; k <= n; k++) values[id, ntrain[id] + k] = v[k]
    }
    END {
      print "unique_id,ds,y" > long; print "unique_id,n_train,n_test" > meta
      for (s = 1; s <= ids; s++) {
        id = order[s]
        if (!(id in ntest)) { printf "m4.sh: %s series %s has no test row\n", name, id > "/dev/stderr"; exit 1 }
        total = ntrain[id] + ntest[id]
        for (k = 1; k <= total; k++) printf "%s,%d,%s\n", id, k - 1, values[id, k] > long
        printf "%s,%d,%d\n", id, ntrain[id], ntest[id] > meta
      }
    }' "$train" "$test"
  echo "m4.sh: $freq -> $out/$lower.csv ($(($(wc -l < "$out/$lower-meta.csv") - 1)) series, $(($(wc -l < "$out/$lower.csv") - 1)) rows)" >&2
done
