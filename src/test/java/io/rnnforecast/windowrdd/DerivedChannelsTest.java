package io.rnnforecast.windowrdd;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.CovariateSpec;
import io.rnnforecast.ingest.StaticCovariates;
import io.rnnforecast.series.CalendarFeature;
import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.SeriesWindows;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The derived channels a series row gets after its read covariates: calendar features, then its per-series covariates
 * encoded, over its values and the horizon past them.
 */
class DerivedChannelsTest {
    @Test
    void calendarChannelsFollowTheReadCovariatesAndReachTheHorizon() {
        long start = LocalDateTime.of(2024, 1, 1, 22, 0).toEpochSecond(ZoneOffset.UTC);
        Scaling promoScale = new Scaling(Scaling.Method.STANDARD, 0.5, 0.5);
        AssembledSeries a = new AssembledSeries("h", new double[] {1, 2, 3, 4, 5}, start, Frequency.parse("1h"),
                Scaling.IDENTITY, ErrorScale.none(24), 5, 0, 0, false, null, null,
                new double[][] {{0, 1, 1, 0, 1, 1, 0}}, new Scaling[] {promoScale}, new double[] {14},
                new String[] {"B"});
        StaticCovariates statics = new StaticCovariates(List.of("size"), List.of("region")).fitted(List.of(12.0),
                List.of(2.0), List.of(List.of("A", "B", "C")));
        CovariateSpec spec = new CovariateSpec(List.of(), List.of("promo"), List.of(CalendarFeature.HOUR), statics);
        // through Spark, as the series table hands its rows over
        org.apache.spark.sql.Row row = SparkTestSession.get().createDataFrame(List.of(a.toRow()),
                AssembledSeries.SCHEMA).first();
        SeriesWindows.Series s = WindowedSeries.toSeries(row, spec, 3);
        // promo, hour (sin, cos), size, region one-hot (A, B, C)
        assertEquals(7, s.covariates().length);
        assertEquals(7, CovariateLayout.of(spec).channels());
        for (int i = 0; i < 8; i++) {
            assertEquals((14 - 12) / 2.0, s.covariates()[3][i], 0, "size standardized across series");
            assertEquals(0, s.covariates()[4][i], 0);
            assertEquals(1, s.covariates()[5][i], 0, "region B");
            assertEquals(0, s.covariates()[6][i], 0);
        }
        // a region unseen in training is all zeros
        assertArrayEquals(new double[] {1, 0, 0, 0}, statics.encode(new double[] {14}, new String[] {"D"}), 0);
        // the read promo, standardized with its stored scaler: (x - 0.5) / 0.5
        assertArrayEquals(new double[] {-1, 1, 1, -1, 1, 1, -1}, s.covariates()[0], 0);
        // 5 values + 3 horizon steps from 22:00: hours 22, 23, 0, 1, 2, 3, 4, 5
        int[] hours = {22, 23, 0, 1, 2, 3, 4, 5};
        for (int i = 0; i < hours.length; i++) {
            assertEquals(Math.sin(2 * Math.PI * hours[i] / 24), s.covariates()[1][i], 1e-12);
            assertEquals(Math.cos(2 * Math.PI * hours[i] / 24), s.covariates()[2][i], 1e-12);
        }
    }
}
