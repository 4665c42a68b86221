# Shared by bench/m4-compare.sh, bench/intervals-compare.sh, bench/intervals-cutoffs.sh and
# bench/real-data-compare.sh: source it after defining log, common (the --set's of every project run) and extra
# (JOB_SETTINGS as --set's).

# M4's horizons and seasons per frequency, and the project's input: two horizons (96 hours, four days; 26 weeks)
declare -A HORIZON=([Hourly]=48 [Weekly]=13)
declare -A SEASON=([Hourly]=24 [Weekly]=1)
declare -A INPUT=([Hourly]=96 [Weekly]=26)

# r_datasets_by_frequency DIR: R's datasets series (data-gen/r-datasets.sh) in DIR, and one long-format file per
# frequency, DIR/yearly.csv, DIR/quarterly.csv and DIR/monthly.csv, from the metadata's frequency column.
r_datasets_by_frequency() {
  local dir="$1" freq
  ./data-gen/r-datasets.sh "$dir" >&2
  for freq in yearly quarterly monthly; do
    awk -F, -v f="$freq" 'NR == FNR { if ($2 == f) keep[$1] = 1; next } FNR == 1 || ($1 in keep)' \
      "$dir/calendar-meta.csv" "$dir/calendar.csv" > "$dir/$freq.csv"
  done
}

# m4_project_run OUT RUN DATA FREQ INPUT HORIZON SEASON "SETTINGS": the job's `run` on the M4 file DATA (frequency
# FREQ in lower case) with common, window.input/horizon, evaluate.season, SETTINGS (key=value words) and extra, its
# log in OUT/RUN.log, its workdir OUT/job; appends "RUN,wall seconds" to OUT/seconds.csv. Fails the script (with
# the log's tail) if the run fails.
m4_project_run() {
  local out="$1" run="$2" data="$3" lower="$4" input="$5" horizon="$6" season="$7" settings="$8"
  local own=() kv t0
  for kv in $settings; do own+=(--set "$kv"); done
  log "$lower: project run $run (${settings:-defaults})"
  t0=$SECONDS
  ./submit/run-local.sh run "${common[@]}" --set workdir="$out/job" --set run-id="$run" \
    --set data.path="$data" --set data.name="m4-$lower" --set window.input="$input" \
    --set window.horizon="$horizon" --set evaluate.season="$season" \
    --set train.model-dir="$out/job/model-$run" "${own[@]}" "${extra[@]}" > "$out/$run.log" 2>&1 \
    || { tail -40 "$out/$run.log" >&2; exit 1; }
  echo "$run,$((SECONDS - t0))" >> "$out/seconds.csv"
}
