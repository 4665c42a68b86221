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
suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 4) stop("usage: Rscript bench/m4_r.R LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]")
long_csv <- args[[1]]
frq <- as.integer(args[[2]])
h <- as.integer(args[[3]])
out_dir <- args[[4]]
cores <- as.integer(Sys.getenv("R_CORES", "2"))
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

# The benchmarks' definitions, beside this script.
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "m4_benchmarks.R"))

methods <- list(
  m4 = m4_benchmarks,
  ets = function(x, h) list(ets = as.numeric(forecast(ets(x), h = h)$mean)),
  auto.arima = function(x, h) list(auto.arima = as.numeric(forecast(auto.arima(x), h = h)$mean)),
  thetaf = function(x, h) list(thetaf = as.numeric(thetaf(x, h = h)$mean))
)
if (length(args) >= 5) methods <- methods[strsplit(args[[5]], ",")[[1]]]

smape <- function(y, f) mean(200 * abs(y - f) / (abs(y) + abs(f)))
mase_scale <- function(x, m) mean(abs(diff(as.numeric(x), lag = m)))

long <- read.csv(long_csv, stringsAsFactors = FALSE)
series <- split(long, long$unique_id)
started <- Sys.time()
one <- function(rows) {
  y <- rows$y[order(rows$ds)]
  n <- length(y) - h
  x <- ts(y[1:n], frequency = frq)
  test <- y[(n + 1):length(y)]
  scale <- mase_scale(x, frq)
  metrics <- list()
  seconds <- list()
  for (name in names(methods)) {
    t0 <- proc.time()[["elapsed"]]
    forecasts <- tryCatch(methods[[name]](x, h), error = function(e) {
      message(sprintf("%s on %s failed: %s", name, rows$unique_id[1], conditionMessage(e)))
      NULL
    })
    seconds[[name]] <- proc.time()[["elapsed"]] - t0
    for (method in names(forecasts)) {
      f <- forecasts[[method]]
      metrics[[length(metrics) + 1]] <- data.frame(method = method, unique_id = rows$unique_id[1],
                                                   smape = smape(test, f), mase = mean(abs(test - f)) / scale)
    }
  }
  list(metrics = do.call(rbind, metrics), seconds = unlist(seconds))
}
results <- mclapply(series, one, mc.cores = cores, mc.preschedule = FALSE)
failed <- Filter(function(r) inherits(r, "try-error"), results)
if (length(failed) > 0) stop(sprintf("%d series failed: %s", length(failed), as.character(failed[[1]])))
metrics <- do.call(rbind, lapply(results, `[[`, "metrics"))
seconds <- Reduce(`+`, lapply(results, `[[`, "seconds"))
write.csv(metrics, file.path(out_dir, "r-metrics.csv"), row.names = FALSE)
write.csv(data.frame(method = names(seconds), seconds = as.numeric(seconds)), file.path(out_dir, "r-seconds.csv"),
          row.names = FALSE)
cat(sprintf("R forecast %s: %d series, frequency %d, horizon %d, %d cores, %.1f s wall\n",
            as.character(packageVersion("forecast")), length(series), frq, h, cores,
            as.numeric(Sys.time() - started, units = "secs")))
print(aggregate(cbind(smape, mase) ~ method, data = metrics, FUN = mean), row.names = FALSE)
