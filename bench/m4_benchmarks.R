# The M4 competition's statistical benchmarks of one series, as its "Benchmarks and Evaluation.R" defines them
# (written out here from those definitions): Naive, sNaive, Naive2, SES, Holt, Damped, Theta (classic), Comb.
# Sourced by bench/m4_r.R (the M4 comparison) and bench/classical_fixtures.R (the fixtures the Java port in
# io.rnnforecast.series.classical is checked against). Needs library(forecast).

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
