# R's side of a covariate comparison: for one series exported with its covariates by data-gen/r-covariates.R,
# hold out the last `horizon` values, fit auto.arima on the rest with the covariates as regressors
# (regression with ARIMA errors, xreg = the covariate columns) and without them, forecast the holdout and score it
# with the job's definitions. What the gap between the two is worth depends on what the covariates know: see
# data-gen/r-covariates.R (the held-out covariate rows are used as the future X, so the xreg forecast is ex post).
#
#   Rscript bench/covariates_r.R LONG_CSV [META_CSV] [DROP]
#   (META_CSV defaults to LONG_CSV with -meta.csv for .csv; DROP: comma-separated covariate columns to leave out)
#
#   Rscript bench/covariates_r.R data-gen/out/r-datasets/seatbelts.csv
#   Rscript bench/covariates_r.R data-gen/out/r-datasets/freeny.csv "" lag_quarterly_revenue
#
# LONG_CSV: unique_id, ds, y, then the covariate columns (every column after y), one series.
# META_CSV: unique_id, frequency, m (season), n, horizon.
# Prints CSV to stdout: unique_id, method (auto_arima_xreg, auto_arima), covariates (';'-joined, empty without),
# mase, smape, f1..fh (the point forecasts); the fitted models and the held-out values go to stderr.
# Metrics (M4 definitions, as in bench/real_data_r.R and the job's EvaluationTables and ErrorScale):
#   smape = mean of 200 |y - f| / (|y| + |f|), a point where both are 0 counts 0
#   mase  = MAE / mean |y_t - y_(t-m)| over the training part, t = m+1 .. n_train, with m = 1 when n_train <= m
suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript bench/covariates_r.R LONG_CSV [META_CSV] [DROP]")
long_csv <- args[[1]]
meta_csv <- if (length(args) >= 2 && nzchar(args[[2]])) args[[2]] else sub("\\.csv$", "-meta.csv", long_csv)
drop <- if (length(args) >= 3 && nzchar(args[[3]])) strsplit(args[[3]], ",")[[1]] else character(0)

long <- read.csv(long_csv, stringsAsFactors = FALSE)
meta <- read.csv(meta_csv, stringsAsFactors = FALSE)
if (nrow(meta) != 1 || length(unique(long$unique_id)) != 1) stop("one series per file and one meta line expected")
covariates <- setdiff(names(long), c("unique_id", "ds", "y"))
if (length(setdiff(drop, covariates)) > 0) stop("no such covariate column: ", paste(setdiff(drop, covariates), collapse = ", "))
covariates <- setdiff(covariates, drop)

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "scores.R"))

id <- meta$unique_id[1]
m <- meta$m[1]
h <- meta$horizon[1]
long <- long[order(as.Date(long$ds)), ]
if (nrow(long) != meta$n[1]) stop(sprintf("%s: %d rows, metadata says n = %d", id, nrow(long), meta$n[1]))
n_train <- nrow(long) - h
train_rows <- seq_len(n_train)
test_rows <- (n_train + 1):nrow(long)
train <- ts(long$y[train_rows], frequency = m)
test <- long$y[test_rows]
x <- as.matrix(long[, covariates, drop = FALSE])
scale <- mase_scale(long$y[train_rows], m)

fits <- list(
  auto_arima_xreg = function() {
    fit <- auto.arima(train, xreg = x[train_rows, , drop = FALSE])
    list(fit = fit, f = forecast(fit, xreg = x[test_rows, , drop = FALSE], h = h)$mean, covariates = covariates)
  },
  auto_arima = function() {
    fit <- auto.arima(train)
    list(fit = fit, f = forecast(fit, h = h)$mean, covariates = character(0))
  }
)

message(sprintf("%s: n = %d, m = %d, horizon %d, held out %s .. %s: %s", id, nrow(long), m, h, long$ds[test_rows[1]],
                long$ds[test_rows[h]], paste(format(test, digits = 8), collapse = " ")))
cat(paste(c("unique_id", "method", "covariates", "mase", "smape", paste0("f", seq_len(h))), collapse = ","), "\n",
    sep = "")
for (method in names(fits)) {
  r <- fits[[method]]()
  f <- as.numeric(r$f)
  message(method, ": ", paste(capture.output(print(r$fit)), collapse = "\n"))
  cat(paste(c(id, method, paste(r$covariates, collapse = ";"), sprintf("%.4f", mean(abs(test - f)) / scale),
              sprintf("%.4f", smape(test, f)), format(f, digits = 8, trim = TRUE)), collapse = ","), "\n", sep = "")
}
