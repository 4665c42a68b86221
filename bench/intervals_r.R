# R's side of bench/intervals-compare.sh (issue 19): on an M4 file converted by data-gen/m4.sh, holds out each
# series' last `horizon` values (the competition's test file) and forecasts them with R forecast's ets and
# auto.arima at level = c(80, 95), as their users call them (on a ts of the competition's frequency). Scores each
# series with the interval metrics the project's tables have: coverage of the 80% and 95% intervals (share of the
# horizon inside) and M4's MSIS at 95% (the Gneiting-Raftery interval score scaled by the in-sample seasonal
# naive MAE at lag = the frequency; "Benchmarks and Evaluation.R"), and the pinball loss at 0.1 / 0.5 / 0.9 of the
# 80% interval's bounds and the point forecast (R's quantiles at those levels), scaled by the same MAE.
#
#   Rscript bench/intervals_r.R LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]
#
# METHODS: comma-separated subset of ets,auto.arima (default both). Cores: env R_CORES (default 2).
# Writes OUT_DIR/r-intervals.csv (method, unique_id, coverage_80, coverage_95, msis_95, pinball_10, pinball_50,
# pinball_90) and r-seconds.csv
# (method, seconds: fit + forecast time summed over series).
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "m4_r_common.R"))
a <- m4_args("bench/intervals_r.R")

methods <- list(
  ets = function(x, h) forecast(ets(x), h = h, level = c(80, 95)),
  auto.arima = function(x, h) forecast(auto.arima(x), h = h, level = c(80, 95))
)

# M4's MSIS: mean over the horizon of the interval score, divided by the in-sample seasonal naive MAE
msis <- function(y, lower, upper, x, m, a) {
  masep <- mean(abs(diff(as.numeric(x), lag = m)))
  b <- (upper - lower) + (2 / a) * (lower - y) * (y < lower) + (2 / a) * (y - upper) * (y > upper)
  mean(b) / masep
}
coverage <- function(y, lower, upper) mean(y >= lower & y <= upper)
# the pinball loss of forecast f as the q quantile, mean over the horizon, scaled like MASE
pinball <- function(y, f, q, x, m) {
  e <- y - f
  mean(pmax(q * e, (q - 1) * e)) / mean(abs(diff(as.numeric(x), lag = m)))
}

score <- function(name, f, x, test, id) {
  lo <- function(l) as.numeric(f$lower[, l])
  hi <- function(l) as.numeric(f$upper[, l])
  data.frame(method = name, unique_id = id, coverage_80 = coverage(test, lo("80%"), hi("80%")),
             coverage_95 = coverage(test, lo("95%"), hi("95%")),
             msis_95 = msis(test, lo("95%"), hi("95%"), x, a$frq, 0.05),
             pinball_10 = pinball(test, lo("80%"), 0.1, x, a$frq),
             pinball_50 = pinball(test, as.numeric(f$mean), 0.5, x, a$frq),
             pinball_90 = pinball(test, hi("80%"), 0.9, x, a$frq))
}
m4_run(a, methods, score, "r-intervals.csv", c("coverage_80", "coverage_95", "msis_95", "pinball_10",
                                               "pinball_50", "pinball_90"))
