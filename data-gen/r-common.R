# Shared by data-gen/r-datasets.R and data-gen/r-covariates.R.

# Dates from start() and integer period arithmetic, not from time(): time() is a float (1949.0833...) and
# rounding it could land a month on the wrong side.
calendar_dates <- function(x) {
  f <- frequency(x)
  s <- start(x)
  idx <- s[1] * f + (s[2] - 1) + seq_along(x) - 1  # periods since year 0
  year <- idx %/% f
  month <- (idx %% f) * (12 / f) + 1
  sprintf("%04d-%02d-01", as.integer(year), as.integer(month))
}
