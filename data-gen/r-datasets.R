# Exports real series from R's `datasets` package to this project's long format (unique_id, ds, y) with real
# calendar dates, plus a metadata file (frequency, season, length, M4 horizon) that bench/real_data_r.R reads.
# Called by data-gen/r-datasets.sh, which checks that Rscript exists:
#
#   Rscript data-gen/r-datasets.R OUT_DIR
#
# Writes to OUT_DIR:
#   calendar.csv        yearly, quarterly and monthly series, ds = first day of the year / quarter / month
#   calendar-meta.csv   unique_id, frequency, m, n, horizon
#   steps.csv           series that have no calendar time (ds = 0, 1, 2, ...), kept apart because one
#                       dataset's ds column is either dates or integer steps, not both
#   steps-meta.csv      same columns; frequency "step", m 1, horizon 10 (no M4 horizon exists for them: our choice)
#
# Left out, on purpose:
#   treering      7,980 yearly values, too long for a quick comparison.
#   uspop         decennial: 10-year gaps are 3,652 or 3,653 days, which the job's inference does not take as a
#                 calendar frequency (only 28-31, 89-92, 181-184, 365-366 days are): `check` uses all 19 rows but
#                 snaps them to a 3,652-day grid and counts the series irregular. data.frequency=10Y reads it
#                 cleanly, but that setting holds for the whole dataset, so it cannot sit with yearly series.
#   presidents    6 missing quarters: dropping them would leave gaps that the job interpolates but R's models would
#                 not see, so the two sides would not forecast the same series.
#   Seatbelts[, "drivers"]  identical to UKDriverDeaths; its "front" and "rear" columns are exported instead.
#   sunspot.month a longer version of `sunspots` (monthly from 1749), which is exported.
#   EuStockMarkets  trading days without dates (frequency 260), lh (10-minute steps, 48 values).

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[[1]] else "data-gen/out/r-datasets"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

# M4 horizons by frequency; seasons as in the job's Frequency.season().
horizon_of <- c(yearly = 6L, quarterly = 8L, monthly = 18L)
season_of <- c(yearly = 1L, quarterly = 4L, monthly = 12L)
freq_name <- c("1" = "yearly", "4" = "quarterly", "12" = "monthly")

calendar <- list(
  AirPassengers = AirPassengers, co2 = co2, nottem = nottem, UKgas = UKgas, USAccDeaths = USAccDeaths,
  ldeaths = ldeaths, mdeaths = mdeaths, fdeaths = fdeaths, JohnsonJohnson = JohnsonJohnson, Nile = Nile,
  lynx = lynx, LakeHuron = LakeHuron, sunspot.year = sunspot.year, austres = austres,
  UKDriverDeaths = UKDriverDeaths, airmiles = airmiles, nhtemp = nhtemp, discoveries = discoveries,
  sunspots = sunspots, Seatbelts.front = Seatbelts[, "front"], Seatbelts.rear = Seatbelts[, "rear"],
  freeny.y = freeny.y
)
steps <- list(WWWusage = WWWusage, BJsales = BJsales, BJsales.lead = BJsales.lead)

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "r-common.R"))

long_rows <- function(id, y, ds) {
  stopifnot(!anyNA(y))  # a series with NAs must be listed above as left out, not silently shortened
  data.frame(unique_id = id, ds = ds, y = as.numeric(y))
}

write_set <- function(rows, meta, name) {
  # y with 15 significant digits: exact for these data (counts, one or two decimals) and no 0.30000000000000004.
  rows$y <- formatC(rows$y, digits = 15, format = "g", flag = "")
  rows$y <- trimws(rows$y)
  write.csv(rows, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  write.csv(meta, file.path(out_dir, paste0(name, "-meta.csv")), row.names = FALSE, quote = FALSE)
}

cal_rows <- list()
cal_meta <- list()
for (id in names(calendar)) {
  x <- calendar[[id]]
  fname <- freq_name[[as.character(frequency(x))]]
  cal_rows[[id]] <- long_rows(id, x, calendar_dates(x))
  cal_meta[[id]] <- data.frame(unique_id = id, frequency = fname, m = season_of[[fname]], n = length(x),
                               horizon = horizon_of[[fname]])
}
step_rows <- list()
step_meta <- list()
for (id in names(steps)) {
  x <- steps[[id]]
  step_rows[[id]] <- long_rows(id, x, seq_along(x) - 1L)
  step_meta[[id]] <- data.frame(unique_id = id, frequency = "step", m = 1L, n = length(x), horizon = 10L)
}

write_set(do.call(rbind, cal_rows), do.call(rbind, cal_meta), "calendar")
write_set(do.call(rbind, step_rows), do.call(rbind, step_meta), "steps")

meta <- do.call(rbind, cal_meta)
for (fname in c("yearly", "quarterly", "monthly")) {
  part <- meta[meta$frequency == fname, ]
  cat(sprintf("%-9s %2d series, %5d rows: %s\n", fname, nrow(part), sum(part$n), paste(part$unique_id, collapse = " ")))
}
cat(sprintf("steps     %2d series, %5d rows: %s\n", length(steps), sum(lengths(steps)),
            paste(names(steps), collapse = " ")))
cat("wrote", normalizePath(out_dir), "\n")
