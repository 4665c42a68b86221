# Exports two of R's `datasets` series together with their covariates, one file each (their covariate sets differ:
# one long file would leave half its columns empty), in the long format plus covariate columns, and a metadata line
# per file that bench/covariates_r.R reads. Called by data-gen/r-datasets.sh after r-datasets.R, same OUT_DIR:
#
#   Rscript data-gen/r-covariates.R OUT_DIR
#
# Writes to OUT_DIR:
#   seatbelts.csv       unique_id Seatbelts_drivers, ds = yyyy-MM-01 (1969-01 .. 1984-12, 192 months),
#                       y = drivers (car drivers killed or seriously injured), kms (distance driven),
#                       PetrolPrice, law (0/1: the compulsory seat belt law, in force from 1983-02)
#   seatbelts-meta.csv  unique_id, frequency, m, n, horizon (monthly, 12, 192, 12)
#   freeny.csv          unique_id freeny_y, ds = first day of the quarter (1962 Q2 .. 1971 Q4, 39 quarters),
#                       y = freeny$y (log revenue), lag_quarterly_revenue, price_index, income_level,
#                       market_potential (freeny's dotted names with '_' for '.': a dot is awkward in Spark SQL)
#   freeny-meta.csv     same columns (quarterly, 4, 39, 4)
#
# Mind what the covariates know. lag_quarterly_revenue is y one quarter earlier (freeny's column is exactly
# y[t - 1]), so feeding its held-out rows to a forecast hands it held-out y; kms and PetrolPrice are measured, not
# known ahead; only law is known in advance. A forecast given the held-out covariates is ex post (an upper bound on
# what they are worth), not one that could have been made at the forecast origin.

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[[1]] else "data-gen/out/r-datasets"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "r-common.R"))

# 15 significant digits, as r-datasets.R writes y: exact for the counts and the recorded decimals, no
# 0.30000000000000004; PetrolPrice (a computed ratio, 16-17 digits in R) is rounded by at most 5e-16 relative.
digits15 <- function(v) trimws(formatC(as.numeric(v), digits = 15, format = "g", flag = ""))

write_covariate_set <- function(name, id, y, covariates, frequency_name, horizon) {
  stopifnot(!anyNA(y), !anyNA(covariates), nrow(covariates) == length(y))
  rows <- data.frame(unique_id = id, ds = calendar_dates(y), y = digits15(y))
  for (column in names(covariates)) rows[[column]] <- digits15(covariates[[column]])
  meta <- data.frame(unique_id = id, frequency = frequency_name, m = frequency(y), n = length(y), horizon = horizon)
  write.csv(rows, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  write.csv(meta, file.path(out_dir, paste0(name, "-meta.csv")), row.names = FALSE, quote = FALSE)
  cat(sprintf("%-9s %s: %d rows %s .. %s, y + %s\n", name, id, nrow(rows), rows$ds[1], rows$ds[nrow(rows)],
              paste(names(covariates), collapse = ", ")))
}

write_covariate_set("seatbelts", "Seatbelts_drivers", Seatbelts[, "drivers"],
                    as.data.frame(Seatbelts[, c("kms", "PetrolPrice", "law")]), "monthly", 12L)

freeny_x <- freeny[, c("lag.quarterly.revenue", "price.index", "income.level", "market.potential")]
names(freeny_x) <- gsub(".", "_", names(freeny_x), fixed = TRUE)
write_covariate_set("freeny", "freeny_y", freeny$y, freeny_x, "quarterly", 4L)
cat("wrote", normalizePath(out_dir), "\n")
