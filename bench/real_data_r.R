# R's side of the real-data comparison (issue 8, item 6): for each series hold out its last `horizon` values, fit
# R's forecast package on the rest (ets, auto.arima, thetaf, naive, snaive), forecast the holdout and score it
# with the same definitions as this project's evaluate tables.
#
#   Rscript bench/real_data_r.R [LONG_CSV] [META_CSV] [OUT_DIR]
#   (defaults: data-gen/out/r-datasets/calendar.csv, data-gen/out/r-datasets/calendar-meta.csv, work/real-data-r)
#
# LONG_CSV: unique_id, ds, y (ds dates or integer steps), as written by data-gen/r-datasets.sh.
# META_CSV: unique_id, frequency, m (season), n, horizon.
# Writes to OUT_DIR:
#   r-metrics.csv    method, unique_id, frequency, h, mae, smape, mase (one row per series and method)
#   r-forecasts.csv  method, unique_id, step, y, y_hat (the point forecasts)
#   r-summary.csv    the printed table
# Metrics (M4 definitions, as in the job's EvaluationTables and ErrorScale):
#   smape = mean of 200 |y - f| / (|y| + |f|), a point where both are 0 counts 0
#   mase  = MAE / mean |y_t - y_(t-m)| over the training part, t = m+1 .. n_train, with m = 1 when n_train <= m;
#           NA when that scale is 0 (constant training part)
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
long_csv <- if (length(args) >= 1) args[[1]] else "data-gen/out/r-datasets/calendar.csv"
meta_csv <- if (length(args) >= 2) args[[2]] else "data-gen/out/r-datasets/calendar-meta.csv"
out_dir <- if (length(args) >= 3) args[[3]] else "work/real-data-r"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

started <- Sys.time()
long <- read.csv(long_csv, stringsAsFactors = FALSE)
meta <- read.csv(meta_csv, stringsAsFactors = FALSE)

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "scores.R"))

methods <- list(
  ets = function(x, h) forecast(ets(x), h = h)$mean,
  auto.arima = function(x, h) forecast(auto.arima(x), h = h)$mean,
  thetaf = function(x, h) thetaf(x, h = h)$mean,
  naive = function(x, h) naive(x, h = h)$mean,
  snaive = function(x, h) snaive(x, h = h)$mean
)
method_seconds <- setNames(numeric(length(methods)), names(methods))

# ds sorts as dates when it is dates (ISO strings), numerically when it is integer steps.
ds_key <- function(ds) if (is.numeric(ds)) ds else as.numeric(as.Date(ds))

metrics <- list()
forecasts <- list()
for (i in seq_len(nrow(meta))) {
  id <- meta$unique_id[i]
  m <- meta$m[i]
  h <- meta$horizon[i]
  rows <- long[long$unique_id == id, ]
  y <- rows$y[order(ds_key(rows$ds))]
  if (length(y) != meta$n[i]) stop(sprintf("%s: %d rows in %s, metadata says n = %d", id, length(y), long_csv, meta$n[i]))
  n_train <- length(y) - h
  train <- ts(y[1:n_train], frequency = m)
  test <- y[(n_train + 1):length(y)]
  scale <- mase_scale(y[1:n_train], m)
  for (method in names(methods)) {
    t0 <- Sys.time()
    f <- tryCatch(as.numeric(methods[[method]](train, h)), error = function(e) {
      message(sprintf("%s on %s failed: %s", method, id, conditionMessage(e)))
      rep(NA_real_, h)
    })
    method_seconds[[method]] <- method_seconds[[method]] + as.numeric(Sys.time() - t0, units = "secs")
    mae <- mean(abs(test - f))
    metrics[[length(metrics) + 1]] <- data.frame(method = method, unique_id = id, frequency = meta$frequency[i],
                                                 h = h, mae = mae, smape = smape(test, f), mase = mae / scale)
    forecasts[[length(forecasts) + 1]] <- data.frame(method = method, unique_id = id, step = seq_len(h),
                                                     y = test, y_hat = f)
  }
}
metrics <- do.call(rbind, metrics)
forecasts <- do.call(rbind, forecasts)

# One row per method: series scored, mean and median MASE over series, mean sMAPE over series, and how many
# series it beats naive on (strictly lower MAE on the holdout).
summarise <- function(metrics) {
  naive_mae <- setNames(metrics$mae[metrics$method == "naive"], metrics$unique_id[metrics$method == "naive"])
  do.call(rbind, lapply(names(methods), function(method) {
    part <- metrics[metrics$method == method, ]
    data.frame(method = method, series = sum(!is.na(part$mase)),
               mase_mean = mean(part$mase, na.rm = TRUE), mase_median = median(part$mase, na.rm = TRUE),
               smape_mean = mean(part$smape, na.rm = TRUE),
               beats_naive = sum(part$mae < naive_mae[part$unique_id], na.rm = TRUE))
  }))
}
summary <- summarise(metrics)

write.csv(metrics, file.path(out_dir, "r-metrics.csv"), row.names = FALSE)
write.csv(forecasts, file.path(out_dir, "r-forecasts.csv"), row.names = FALSE)
write.csv(summary, file.path(out_dir, "r-summary.csv"), row.names = FALSE)

show <- function(table) {
  table[, c("mase_mean", "mase_median", "smape_mean")] <- round(table[, c("mase_mean", "mase_median", "smape_mean")], 3)
  print(table, row.names = FALSE)
}
cat(sprintf("R forecast %s on %d series (%s), holdout = the last horizon of each:\n",
            as.character(packageVersion("forecast")), nrow(meta),
            paste(sprintf("%d %s", table(meta$frequency), names(table(meta$frequency))), collapse = ", ")))
show(summary)
# The same per frequency: a mean over a mix of yearly and monthly series hides where each method wins.
for (fname in unique(meta$frequency)) {
  cat(sprintf("\n%s (h = %s):\n", fname, paste(unique(meta$horizon[meta$frequency == fname]), collapse = ",")))
  show(summarise(metrics[metrics$frequency == fname, ]))
}
cat(sprintf("\nfit + forecast seconds per method: %s\n",
            paste(sprintf("%s %.1f", names(method_seconds), method_seconds), collapse = ", ")))
cat(sprintf("wall seconds: %.1f (wrote %s)\n", as.numeric(Sys.time() - started, units = "secs"),
            normalizePath(out_dir)))
