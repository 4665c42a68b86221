package io.rnnforecast.ingest;

import io.rnnforecast.config.ConfigProblem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * data.static-path: a side table of per-series columns, one row per series keyed by the id column (data.columns.id),
 * joined onto the long table's rows before ingestion, so its columns reach the per-series covariates
 * (data.covariates.static / categorical) exactly as the same columns of the long table would, with the same checks.
 * A series with no row there has those columns null: rejected and counted as {@code null_static} when a model
 * reads them. Rows for ids the long table lacks are left out by the join. The join runs on the executors (Spark
 * broadcasts a small side table by its own threshold); nothing reaches the driver but the duplicate check's at most
 * five ids.
 */
public final class StaticTable {
    public static final String PATH = "data.static-path";
    private static final String KEY = "__static_id";
    private static final int SHOWN = 5;

    private StaticTable() {
    }

    /**
     * {@code rows} (the long table, from {@code rowsSource}) with every column of {@code table} (from
     * {@code tableSource}) but the id joined on by id (compared as text, so a CSV's text ids meet a Parquet's
     * numbers). Refused (exit 2, naming the side table) when it lacks the id column, has no other column, shares a
     * column name with the long table, or has an id twice.
     */
    public static Dataset<Row> attach(Dataset<Row> rows, String rowsSource, Dataset<Row> table, String tableSource,
                                      String id) {
        List<String> columns = Arrays.asList(table.columns());
        if (!columns.contains(id)) {
            throw new ConfigProblem(PATH + " " + tableSource + " has no id column '" + id + "' (columns: "
                    + String.join(", ", columns) + "); it must have one row per series keyed by data.columns.id");
        }
        List<String> statics = columns.stream().filter(c -> !c.equals(id)).toList();
        if (statics.isEmpty()) {
            throw new ConfigProblem(PATH + " " + tableSource + " has only the id column '" + id + "'");
        }
        List<String> shared = new ArrayList<>(statics);
        shared.retainAll(Arrays.asList(rows.columns()));
        if (!shared.isEmpty()) {
            throw new ConfigProblem(PATH + " " + tableSource + " and data.path " + rowsSource + " both have the"
                    + " column(s) " + shared + ": a per-series column comes from one of them; rename or drop it in"
                    + " one");
        }
        Column key = col(id).cast(DataTypes.StringType);
        List<Row> twice = table.groupBy(key.as(KEY)).agg(count(lit(1)).as("n")).where(col("n").gt(1))
                .orderBy(col(KEY)).limit(SHOWN).collectAsList();
        if (!twice.isEmpty()) {
            throw new ConfigProblem(PATH + " " + tableSource + " has more than one row for id " + twice.stream()
                    .map(r -> "'" + r.getString(0) + "' (" + r.getLong(1) + " rows)").collect(Collectors.joining(", "))
                    + (twice.size() == SHOWN ? " and maybe more" : "") + ": one row per series");
        }
        List<Column> picked = new ArrayList<>();
        picked.add(key.as(KEY));
        statics.forEach(c -> picked.add(col(c)));
        Dataset<Row> side = table.select(picked.toArray(Column[]::new));
        return rows.join(side, rows.col(id).cast(DataTypes.StringType).equalTo(side.col(KEY)), "left_outer")
                .drop(KEY);
    }
}
