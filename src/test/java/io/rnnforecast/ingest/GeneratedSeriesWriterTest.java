package io.rnnforecast.ingest;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.generate.DampedSineGenerator;
import io.rnnforecast.generate.GeronGenerator;
import io.rnnforecast.generate.PromoGenerator;
import io.rnnforecast.generate.SeriesGenerator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.countDistinct;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GeneratedSeriesWriterTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedGivesIdenticalDataWithOneAndFourPartitions() {
        for (SeriesGenerator g : List.of(new GeronGenerator(11), new DampedSineGenerator(8, 3))) {
            List<Row> one = generate(g, 1, "one-" + g.name());
            List<Row> four = generate(g, 4, "four-" + g.name());
            assertEquals(37 * 11, one.size());
            assertEquals(one, four);
        }
    }

    @Test
    void writesTheLongFormatWithValuesFromTheGenerator() {
        SparkSession spark = SparkTestSession.get();
        var g = new GeronGenerator(11);
        new GeneratedSeriesWriter(spark).write(g, 5, 9, 2, dir.resolve("long").toString());
        Dataset<Row> df = spark.read().parquet(dir.resolve("long").toString());
        assertEquals("unique_id: string, ds: bigint, y: double", df.schema().simpleString()
                .replace("struct<", "").replace(">", "").replace(":", ": ").replace(",", ", "));
        double[] expected = g.values(9, 3);
        List<Row> rows = df.where("unique_id = 'geron-000000003'").orderBy("ds").collectAsList();
        assertEquals(11, rows.size());
        for (int t = 0; t < 11; t++) {
            assertEquals(t, rows.get(t).getLong(1));
            assertEquals(expected[t], rows.get(t).getDouble(2), 0);
        }
    }

    @Test
    void writesAPromoSetWithItsCovariatesBesideTheValues() {
        SparkSession spark = SparkTestSession.get();
        var g = new PromoGenerator(11, 3);
        String path = dir.resolve("promo").toString();
        new GeneratedSeriesWriter(spark).write(g, 5, 9, 2, path);
        Dataset<Row> df = spark.read().parquet(path);
        assertEquals("unique_id: string, ds: bigint, y: double, promo: double, temperature: double, category: string",
                df.schema().simpleString().replace("struct<", "").replace(">", "").replace(":", ": ")
                        .replace(",", ", "));
        assertEquals(5 * 11, df.count());
        double[] y = g.values(9, 3);
        double[][] covariates = g.covariates(9, 3);
        List<Row> rows = df.where("unique_id = 'promo-000000003'").orderBy("ds").collectAsList();
        assertEquals(11, rows.size());
        for (int t = 0; t < 11; t++) {
            Row row = rows.get(t);
            assertEquals(t, row.getLong(row.fieldIndex("ds")));
            assertEquals(y[t], row.getDouble(row.fieldIndex("y")), 0);
            assertEquals(covariates[0][t], row.getDouble(row.fieldIndex("promo")), 0);
            assertEquals(covariates[1][t], row.getDouble(row.fieldIndex("temperature")), 0);
            assertEquals(g.category(9, 3), row.getString(row.fieldIndex("category")));
        }
        long categoriesPerSeries = df.groupBy("unique_id").agg(countDistinct("category").as("n"))
                .selectExpr("max(n)").first().getLong(0);
        assertEquals(1, categoriesPerSeries, "one category per series");
    }

    @Test
    void neverOverwritesADatasetItDidNotGenerate() throws Exception {
        SparkSession spark = SparkTestSession.get();
        Path users = dir.resolve("users-data");
        java.nio.file.Files.createDirectories(users);
        java.nio.file.Files.writeString(users.resolve("sales.csv"), "unique_id,ds,y\na,0,1\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                new GeneratedSeriesWriter(spark).write(new GeronGenerator(11), 5, 1, 1, users.toString()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(users.resolve("sales.csv")));
        // its own output it regenerates in place
        String own = dir.resolve("own").toString();
        new GeneratedSeriesWriter(spark).write(new GeronGenerator(11), 5, 1, 1, own);
        new GeneratedSeriesWriter(spark).write(new GeronGenerator(11), 7, 1, 1, own);
        assertEquals(7 * 11, spark.read().parquet(own).count());
    }

    private List<Row> generate(SeriesGenerator g, int partitions, String name) {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve(name).toString();
        new GeneratedSeriesWriter(spark).write(g, 37, 5, partitions, path);
        return spark.read().parquet(path).orderBy("unique_id", "ds").collectAsList();
    }
}
