# R's side of bench/intervals-compare.sh (issue 19): on an M4 file converted by data-gen/m4.sh, holds out each
# series' last `horizon` values (the competition's test file) and forecasts them with R forecast's ets and
# auto.arima at level = c(80, 95), as their users call them (on a ts of the competition's frequency). Scores each
# series with the interval metrics the project's tables have: coverage of the 80% and 95% intervals (share of the
# horizon inside) and M4's MSIS at 95% (the Gneiting-Raftery interval score scaled by the in-sample seasonal
# naive MAE at lag = the frequency; "Benchmarks and Evaluation.R").
#
#   Rscript bench/intervals_r.R LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]
#
# METHODS: comma-separated subset of ets,auto.arima (default both). Cores: env R_CORES (default 2).
# Writes OUT_DIR/r-intervals.csv (method, unique_id, coverage_80, coverage_95, msis_95) and r-seconds.csv
# (method, seconds: fit + forecast time summed over series).
suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 4) stop("usage: Rscript bench/intervals_r.R LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]")
long_csv <- args[[1]]
frq <- as.integer(args[[2]])
h <- as.integer(args[[3]])
out_dir <- args[[4]]
cores <- as.integer(Sys.getenv("R_CORES", "2"))
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

methods <- list(
  ets = function(x, h) forecast(ets(x), h = h, level = c(80, 95)),
  auto.arima = function(x, h) forecast(auto.arima(x), h = h, level = c(80, 95))
)
if (length(args) >= 5) methods <- methods[strsplit(args[[5]], ",")[[1]]]

# M4's MSIS: mean over the horizon of the interval score, divided by the in-sample seasonal naive MAE
msis <- function(y, lower, upper, x, m, a) {
  masep <- mean(abs(diff(as.numeric(x), lag = m)))
  b <- (upper - lower) + (2 / a) * (lower - y) * (y < lower) + (2 / a) * (y - upper) * (y > upper)
  mean(b) / masep
}
coverage <- function(y, lower, upper) mean(y >= lower & y <= upper)

long <- read.csv(long_csv, stringsAsFactors = FALSE)
series <- split(long, long$unique_id)
started <- Sys.time()
one <- function(rows) {
  y <- rows$y[order(rows$ds)]
  n <- length(y) - h
  x <- ts(y[1:n], frequency = frq)
  test <- y[(n + 1):length(y)]
  out <- list()
  seconds <- list()
  for (name in names(methods)) {
    t0 <- proc.time()[["elapsed"]]
    f <- tryCatch(methods[[name]](x, h), error = function(e) {
      message(sprintf("%s on %s failed: %s", name, rows$unique_id[1], conditionMessage(e)))
      NULL
    })
    seconds[[name]] <- proc.time()[["elapsed"]] - t0
    if (is.null(f)) next
    lo <- f$lower
    hi <- f$upper
    out[[length(out) + 1]] <- data.frame(method = name, unique_id = rows$unique_id[1],
      coverage_80 = coverage(test, as.numeric(lo[, "80%"]), as.numeric(hi[, "80%"])),
      coverage_95 = coverage(test, as.numeric(lo[, "95%"]), as.numeric(hi[, "95%"])),
      msis_95 = msis(test, as.numeric(lo[, "95%"]), as.numeric(hi[, "95%"]), x, frq, 0.05))
  }
  list(metrics = do.call(rbind, out), seconds = unlist(seconds))
}
results <- mclapply(series, one, mc.cores = cores, mc.preschedule = FALSE)
failed <- Filter(function(r) inherits(r, "try-error"), results)
if (length(failed) > 0) stop(sprintf("%d series failed: %s", length(failed), as.character(failed[[1]])))
metrics <- do.call(rbind, lapply(results, `[[`, "metrics"))
seconds <- Reduce(`+`, lapply(results, `[[`, "seconds"))
write.csv(metrics, file.path(out_dir, "r-intervals.csv"), row.names = FALSE)
write.csv(data.frame(method = names(seconds), seconds = as.numeric(seconds)), file.path(out_dir, "r-seconds.csv"),
          row.names = FALSE)
cat(sprintf("R forecast %s: %d series, frequency %d, horizon %d, %d cores, %.1f s wall\n",
            as.character(packageVersion("forecast")), length(series), frq, h, cores,
            as.numeric(Sys.time() - started, units = "secs")))
print(aggregate(cbind(coverage_80, coverage_95, msis_95) ~ method, data = metrics, FUN = mean), row.names = FALSE)
