# Shared by the fault scripts: source it.

# wait_for_epoch LOG EPOCH EPOCHS PID: returns once the job's LOG has the end-of-epoch line "epoch EPOCH/EPOCHS
# training loss ..." (the in-epoch progress lines "epoch E/N round r/R" do not count);
# fails the script if the job PID ends first or 10 minutes pass.
wait_for_epoch() {
  local log="$1" epoch="$2" epochs="$3" pid="$4"
  for _ in $(seq 1 2400); do
    grep -q "epoch $epoch/$epochs  training loss" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -30 "$log"; echo "FAILED: the job ended before epoch $epoch finished"; exit 1; }
    sleep 0.25
  done
  echo "FAILED: no epoch $epoch in $log after 10 minutes"; exit 1
}
