package io.rnnforecast.examples;

import io.rnnforecast.api.Evaluation;
import io.rnnforecast.api.RnnForecastModel;
import io.rnnforecast.api.RnnForecaster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The README's API example: fit a forecaster on a long-format DataFrame, evaluate it on each series' last
 * horizons, save it, load it back and forecast past the end of every series. Run it with
 * {@code ./submit/api-example.sh [DIR]}.
 */
public final class ApiExample {
    private ApiExample() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[*]").appName("rnn-forecast API example")
                .getOrCreate();
        run(spark, args.length > 0 ? args[0] : "work/api-example");
        spark.stop();
    }

    /** Returns the evaluation's summary rows (model, mae, smape, mase_mean). */
    public static List<Row> run(SparkSession spark, String dir) {
        // long format, one row per observation: 200 noisy series with a 12-step season, 72 steps each
        Dataset<Row> sales = spark.range(0, 200 * 72).selectExpr("concat('store-', id div 72) AS unique_id",
                "id % 72 AS ds", "10 + 3 * sin(2 * pi() * (id % 72) / 12 + id div 72) + 0.3 * randn(7) AS y");

        RnnForecastModel model = new RnnForecaster()
                .setInput(24).setHorizon(6).setMaxWindowsPerSeries(20)   // 24 values in, 6 out, 20 windows a series
                .setSplitMode("time").setCutoffs(2)                       // test: each series' last 2 horizons
                .setScaling("standard").setNormalization("none")
                .setUnits(32).setLayers(1).setLearningRate(0.01).setEpochs(8)
                .fit(sales);

        List<Row> summary;
        try (Evaluation test = model.evaluate(sales)) {       // the network beside naive and linear
            summary = test.summary().select("model", "mae", "smape", "mase_mean").orderBy("mase_mean")
                    .collectAsList();
            test.summary().select("model", "mae", "smape", "mase_mean").orderBy("mase_mean").show(false);
        }

        model.save(dir + "/model");                           // the directory `evaluate` and `predict` read
        RnnForecastModel.load(dir + "/model").transform(sales)    // the 6 steps past the end of every series
                .where("model = 'lstm-1x32'").orderBy("unique_id", "step").show(6, false);
        return summary;
    }
}
