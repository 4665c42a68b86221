# Fixtures for io.rnnforecast.series.classical (issue 17): R forecast's forecasts of the M4 benchmarks
# (bench/m4_benchmarks.R: Naive2, SES, Holt, Damped, Theta classic, Comb) on a few real series, which
# ClassicalMethodTest checks the Java port against (1e-4 relative).
#
#   Rscript bench/classical_fixtures.R [M4_DIR] [OUT_DIR]
#
# M4_DIR: the M4 wide CSV files (default ../shared/data/m4 from the repository root); OUT_DIR: where the two
# fixture files go (default src/test/resources/io/rnnforecast/series/classical):
#   series.csv     id,season,horizon,values (values space-separated, 17 significant digits)
#   forecasts.csv  id,method,values (R's point forecasts, the same format)
# Series: R's datasets AirPassengers (monthly, seasonal), nottem (monthly, seasonal), Nile (yearly), the last 300
# values of co2 (monthly), and M4's H1, H150 (hourly, season 24, horizon 48), W1, W200 (weekly, season 1,
# horizon 13). Also prints the fitted ets parameters (alpha, beta, phi, l, b) of SES, Holt and Damped.
suppressPackageStartupMessages(library(forecast))
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "m4_benchmarks.R"))

args <- commandArgs(trailingOnly = TRUE)
m4_dir <- if (length(args) >= 1) args[[1]] else "../shared/data/m4"
out_dir <- if (length(args) >= 2) args[[2]] else "src/test/resources/io/rnnforecast/series/classical"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

m4_series <- function(file, id) {
  rows <- readLines(file.path(m4_dir, file))
  row <- strsplit(gsub('"', "", rows[grepl(paste0('^"?', id, '"?,'), rows)]), ",")[[1]]
  v <- suppressWarnings(as.numeric(row[-1]))
  v[!is.na(v)]
}

series <- list(
  list(id = "AirPassengers", x = as.numeric(AirPassengers), m = 12, h = 18),
  list(id = "nottem", x = as.numeric(nottem), m = 12, h = 24),
  list(id = "Nile", x = as.numeric(Nile), m = 1, h = 10),
  list(id = "co2-last300", x = tail(as.numeric(co2), 300), m = 12, h = 12),
  list(id = "H1", x = m4_series("Hourly-train.csv", "H1"), m = 24, h = 48),
  list(id = "H150", x = m4_series("Hourly-train.csv", "H150"), m = 24, h = 48),
  list(id = "W1", x = m4_series("Weekly-train.csv", "W1"), m = 1, h = 13),
  list(id = "W200", x = m4_series("Weekly-train.csv", "W200"), m = 1, h = 13))

fmt <- function(v) paste(sprintf("%.17g", v), collapse = " ")
methods <- c("Naive2", "SES", "Holt", "Damped", "Theta", "Comb")
series_rows <- character(0)
forecast_rows <- character(0)
for (s in series) {
  x <- ts(s$x, frequency = s$m)
  f <- m4_benchmarks(x, s$h)
  series_rows <- c(series_rows, sprintf("%s,%d,%d,%s", s$id, s$m, s$h, fmt(s$x)))
  for (method in methods) {
    forecast_rows <- c(forecast_rows, sprintf("%s,%s,%s", s$id, tolower(method), fmt(f[[method]])))
  }
  adjusted <- if (seasonal(x, s$m)) x / decompose(x, type = "multiplicative")$seasonal else x
  for (fit in list(ses = ses(adjusted, h = 1)$model, holt = holt(adjusted, h = 1)$model,
                   damped = holt(adjusted, h = 1, damped = TRUE)$model)) {
    cat(sprintf("%-14s %-24s seasonal=%s par: %s\n", s$id, fit$method, seasonal(x, s$m),
                paste(sprintf("%s=%.10g", names(fit$par), fit$par), collapse = " ")))
  }
}
writeLines(c("id,season,horizon,values", series_rows), file.path(out_dir, "series.csv"))
writeLines(c("id,method,values", forecast_rows), file.path(out_dir, "forecasts.csv"))
cat(sprintf("R forecast %s: %d series written to %s\n", as.character(packageVersion("forecast")), length(series),
            out_dir))
