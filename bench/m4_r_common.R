# The harness bench/m4_r.R and bench/intervals_r.R share: their command line, and the loop that holds out each
# series' last `horizon` values of an M4 file converted by data-gen/m4.sh (the competition's test file), fits every
# method on the rest (a ts of the competition's frequency), times it, scores it, and writes OUT_DIR/<metrics file>
# and OUT_DIR/r-seconds.csv (method, seconds: fit + forecast time summed over series). One series per task on
# env R_CORES cores (default 2).
suppressPackageStartupMessages({
  library(forecast)
  library(parallel)
})

# LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]: the parsed arguments, METHODS a comma-separated subset or NULL.
m4_args <- function(script) {
  args <- commandArgs(trailingOnly = TRUE)
  if (length(args) < 4) stop(sprintf("usage: Rscript %s LONG_CSV FREQUENCY HORIZON OUT_DIR [METHODS]", script))
  out <- list(long_csv = args[[1]], frq = as.integer(args[[2]]), h = as.integer(args[[3]]), out_dir = args[[4]],
              cores = as.integer(Sys.getenv("R_CORES", "2")),
              methods = if (length(args) >= 5) strsplit(args[[5]], ",")[[1]] else NULL)
  dir.create(out$out_dir, recursive = TRUE, showWarnings = FALSE)
  out
}

# Runs `methods` (name -> function(x, h)) on every series; score(name, result, x, test, id) turns one method's
# result into a data.frame of metric rows (or NULL). Writes the rows to `metrics_file` and prints the means of
# `columns` per method.
m4_run <- function(a, methods, score, metrics_file, columns) {
  if (!is.null(a$methods)) methods <- methods[a$methods]
  h <- a$h
  long <- read.csv(a$long_csv, stringsAsFactors = FALSE)
  series <- split(long, long$unique_id)
  started <- Sys.time()
  one <- function(rows) {
    y <- rows$y[order(rows$ds)]
    n <- length(y) - h
    x <- ts(y[1:n], frequency = a$frq)
    test <- y[(n + 1):length(y)]
    id <- rows$unique_id[1]
    out <- list()
    seconds <- list()
    for (name in names(methods)) {
      t0 <- proc.time()[["elapsed"]]
      result <- tryCatch(methods[[name]](x, h), error = function(e) {
        message(sprintf("%s on %s failed: %s", name, id, conditionMessage(e)))
        NULL
      })
      seconds[[name]] <- proc.time()[["elapsed"]] - t0
      if (!is.null(result)) out[[length(out) + 1]] <- score(name, result, x, test, id)
    }
    list(metrics = do.call(rbind, out), seconds = unlist(seconds))
  }
  results <- mclapply(series, one, mc.cores = a$cores, mc.preschedule = FALSE)
  failed <- Filter(function(r) inherits(r, "try-error"), results)
  if (length(failed) > 0) stop(sprintf("%d series failed: %s", length(failed), as.character(failed[[1]])))
  metrics <- do.call(rbind, lapply(results, `[[`, "metrics"))
  seconds <- Reduce(`+`, lapply(results, `[[`, "seconds"))
  write.csv(metrics, file.path(a$out_dir, metrics_file), row.names = FALSE)
  write.csv(data.frame(method = names(seconds), seconds = as.numeric(seconds)),
            file.path(a$out_dir, "r-seconds.csv"), row.names = FALSE)
  cat(sprintf("R forecast %s: %d series, frequency %d, horizon %d, %d cores, %.1f s wall\n",
              as.character(packageVersion("forecast")), length(series), a$frq, h, a$cores,
              as.numeric(Sys.time() - started, units = "secs")))
  means <- aggregate(metrics[columns], by = list(method = metrics$method), FUN = mean)
  print(means, row.names = FALSE)
}
