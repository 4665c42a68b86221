# The job's point-forecast scores in R, shared by bench/real_data_r.R and bench/covariates_r.R (M4 definitions, as
# in the job's EvaluationTables and ErrorScale).

# The job's ErrorScale.of(values, n_train, season): same lag rule, same range of t.
mase_scale <- function(train, season) {
  n <- length(train)
  m <- if (n > season) season else 1
  if (n <= m) return(NA_real_)
  s <- mean(abs(train[(m + 1):n] - train[1:(n - m)]))
  if (s > 0) s else NA_real_
}

smape <- function(y, f) {
  d <- abs(y) + abs(f)
  mean(ifelse(d > 0, 200 * abs(y - f) / d, 0))
}
