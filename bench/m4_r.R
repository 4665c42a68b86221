# R's side of bench/m4-compare.sh (issue 17): on the M4 files converted by data-gen/m4.sh, holds out each series'
# last `horizon` values (exactly the competition's test file) and forecasts them with
#  - the M4 competition's statistical benchmarks, as its "Benchmarks and Evaluation.R" defines them (written out
#    in bench/m4_benchmarks.R from those definitions): Naive, sNaive, Naive2, SES, Holt, Damped, Theta (classic), Comb; Naive2 and the
#    others forecast the series seasonally adjusted (classical multiplicative decomposition) when a 90%
#    autocorrelation test at the season's lag finds seasonality, and re-seasonalize with the last season's indices;
#  - R forecast's ets, auto.arima and thetaf with their defaults, as their users call them (on a ts of the
#    competition's frequency).
# Scores with M4's definitions (sMAPE, MASE with the in-sample seasonal naive scale at lag = the frequency).
#
#   Rscript bench/m4_r.R LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]
#
# LONG_CSV: unique_id, ds (integer steps), y, every series' training then test values (data-gen/m4.sh).
# METHODS: comma-separated subset (default all). Cores: env R_CORES (default 2), one series per task.
# Writes OUT_DIR/r-metrics.csv (method, unique_id, smape, mase: means over the horizon) and r-seconds.csv (method,
# seconds: fit + forecast time summed over series).
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "m4_r_common.R"))
# The benchmarks' definitions, beside this script.
source(file.path(script_dir, "m4_benchmarks.R"))
a <- m4_args("bench/m4_r.R")

methods <- list(
  m4 = m4_benchmarks,
  ets = function(x, h) list(ets = as.numeric(forecast(ets(x), h = h)$mean)),
  auto.arima = function(x, h) list(auto.arima = as.numeric(forecast(auto.arima(x), h = h)$mean)),
  thetaf = function(x, h) list(thetaf = as.numeric(thetaf(x, h = h)$mean))
)

smape <- function(y, f) mean(200 * abs(y - f) / (abs(y) + abs(f)))
mase_scale <- function(x, m) mean(abs(diff(as.numeric(x), lag = m)))

# one row per forecast a method returns (the M4 benchmarks return eight)
score <- function(name, forecasts, x, test, id) {
  scale <- mase_scale(x, a$frq)
  do.call(rbind, lapply(names(forecasts), function(method) {
    f <- forecasts[[method]]
    data.frame(method = method, unique_id = id, smape = smape(test, f), mase = mean(abs(test - f)) / scale)
  }))
}
m4_run(a, methods, score, "r-metrics.csv", c("smape", "mase"))
