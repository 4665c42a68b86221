# R's side of bench/m4-compare.sh (issue 17): on the M4 files converted by data-gen/m4.sh, holds out each series'
# last `horizon` values (exactly the competition's test file) and forecasts them with
#  - the M4 competition's statistical benchmarks, as its "Benchmarks and Evaluation.R" defines them (written out
#    here from those definitions): Naive, sNaive, Naive2, SES, Holt, Damped, Theta (classic), Comb; Naive2 and the
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

# M4's seasonality test: |acf at lag m| above the 90% limit 1.645 / sqrt(n) * sqrt(1 + 2 sum_{k<m} acf_k^2),
# only for series of at least 3 seasons.
seasonal <- function(x, m) {
  if (m <= 1 || length(x) < 3 * m) return(FALSE)
  r <- acf(x, plot = FALSE, lag.max = m)$acf[-1, 1, 1]
  limit <- 1.645 / sqrt(length(x)) * sqrt(cumsum(c(1, 2 * r^2)))
  isTRUE(abs(r[m]) > limit[m])
}

# M4's Theta classic: the theta = 2 line forecast by SES, averaged with the linear trend (theta = 0) line.
theta_classic <- function(x, h) {
  n <- length(x)
  t <- seq_len(n)
  trend <- lm(x ~ t)
  line0_out <- as.numeric(predict(trend, data.frame(t = (n + 1):(n + h))))
  line2 <- 2 * x - as.numeric(fitted(trend))
  0.5 * as.numeric(ses(line2, h = h)$mean) + 0.5 * line0_out
}

# The M4 benchmarks of one series: a named list of forecasts.
m4_benchmarks <- function(x, h) {
  m <- frequency(x)
  if (seasonal(x, m)) {
    indices <- decompose(x, type = "multiplicative")$seasonal
    adjusted <- x / indices
    out_indices <- head(rep(tail(as.numeric(indices), m), h), h)
  } else {
    adjusted <- x
    out_indices <- rep(1, h)
  }
  ses_f <- as.numeric(ses(adjusted, h = h)$mean) * out_indices
  holt_f <- as.numeric(holt(adjusted, h = h, damped = FALSE)$mean) * out_indices
  damped_f <- as.numeric(holt(adjusted, h = h, damped = TRUE)$mean) * out_indices
  list(Naive = rep(tail(as.numeric(x), 1), h),
       sNaive = if (m > 1) head(rep(tail(as.numeric(x), m), h), h) else rep(tail(as.numeric(x), 1), h),
       Naive2 = rep(tail(as.numeric(adjusted), 1), h) * out_indices,
       SES = ses_f, Holt = holt_f, Damped = damped_f,
       Theta = theta_classic(adjusted, h) * out_indices,
       Comb = (ses_f + holt_f + damped_f) / 3)
}

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
