package io.rnnforecast.window;

import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A window's covariate channels and a block's features, against layouts written out by hand. */
class CovariateWindowsTest {
    private static final Frequency STEP = new Frequency(1, TimeUnit.STEP);
    private static final double[] Y = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final double[] TEMP = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109};
    private static final double[] PROMO = {200, 201, 202, 203, 204, 205, 206, 207, 208, 209};
    /** One historic (temp), one future (promo). */
    private static final CovariateLayout LAYOUT = new CovariateLayout(1, 1);

    private static SeriesWindows.Series series(double[] y, double[][] covariates) {
        return new SeriesWindows.Series("a", y, Scaling.IDENTITY, 0, STEP, ErrorScale.none(1), null, covariates);
    }

    /** Row {@code row}'s channel {@code c} of features [b, channels, steps]. */
    private static float[] channel(INDArray f, int row, int c) {
        return f.slice(row).slice(c).toFloatVector();
    }

    @Test
    void historicChannelsStopAtTheOriginAndFutureOnesRunThroughTheHorizon() {
        // input 3, horizon 2, stride 2, at most 10 windows: ends 4, 6, 8
        List<Window> w = new SeriesWindows(new WindowSpec(3, 2, 2, 10), SplitSpec.bySeries(0, 0, 1),
                Task.FORECAST, LAYOUT).of(series(Y, new double[][] {TEMP, PROMO}), Split.TRAIN);
        assertEquals(List.of(4, 6, 8), w.stream().map(Window::end).toList());
        Window first = w.get(0);
        assertArrayEquals(new float[] {1, 2, 3}, first.input());
        // temp at steps 1..3, then 0 over the horizon; promo at steps 1..3 and 4..5
        assertArrayEquals(new float[] {101, 102, 103, 0, 0}, first.covariates()[0]);
        assertArrayEquals(new float[] {201, 202, 203, 204, 205}, first.covariates()[1]);
        // the linear baseline's regressors: input, temp's input steps, promo's every step
        assertArrayEquals(new float[] {1, 2, 3, 101, 102, 103, 201, 202, 203, 204, 205},
                first.regressors(LAYOUT));

        DataSet batch = Minibatches.of(w, false, LAYOUT);
        INDArray f = batch.getFeatures();
        assertArrayEquals(new long[] {3, 4, 5}, f.shape());
        // window ending at 6: inputs 3, 4, 5; temp 103..105; promo 203..207; flag on the two horizon steps
        assertArrayEquals(new float[] {3, 4, 5, 0, 0}, channel(f, 1, 0));
        assertArrayEquals(new float[] {103, 104, 105, 0, 0}, channel(f, 1, 1));
        assertArrayEquals(new float[] {203, 204, 205, 206, 207}, channel(f, 1, 2));
        assertArrayEquals(new float[] {0, 0, 0, 1, 1}, channel(f, 1, 3));
        assertArrayEquals(new float[] {6, 7}, batch.getLabels().getRow(1).toFloatVector());
    }

    @Test
    void historicOnlyWindowsKeepTheirInputLengthAndPaddedStepsRepeatTheFirstValue() {
        CovariateLayout historic = new CovariateLayout(1, 0);
        // input 5, min-input 2: a series of 4 values gives windows padded to 5 steps
        WindowSpec spec = new WindowSpec(5, 1, 1, 10, WindowNormalization.NONE, 2);
        double[] y = {1, 2, 3, 4};
        double[] temp = {10, 20, 30, 40};
        List<Window> w = new SeriesWindows(spec, SplitSpec.bySeries(0, 0, 1), Task.FORECAST, historic)
                .of(series(y, new double[][] {temp}), Split.TRAIN);
        Window last = w.get(w.size() - 1);
        assertEquals(3, last.end());
        assertArrayEquals(new float[] {1, 1, 1, 2, 3}, last.input());
        assertArrayEquals(new float[] {10, 10, 10, 20, 30}, last.covariates()[0]);

        DataSet masked = Minibatches.of(List.of(last), true, historic);
        assertArrayEquals(new long[] {1, 2, 5}, masked.getFeatures().shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 1}, masked.getFeaturesMaskArray().toFloatVector());
    }

    @Test
    void aPaddedWindowIntoTheHorizonIsMaskedOnItsPaddingOnly() {
        WindowSpec spec = new WindowSpec(4, 2, 1, 10, WindowNormalization.NONE, 2);
        double[] y = {1, 2, 3, 4, 5};
        double[] promo = {0, 1, 0, 1, 1};
        Window w = new SeriesWindows(spec, SplitSpec.bySeries(0, 0, 1), Task.FORECAST, new CovariateLayout(0, 1))
                .of(series(y, new double[][] {promo}), Split.TRAIN).get(0);
        // the first window: 2 observed values (1, 2), targets 3, 4
        assertEquals(2, w.end());
        DataSet d = Minibatches.of(List.of(w), true, new CovariateLayout(0, 1));
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1}, d.getFeaturesMaskArray().toFloatVector());
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 1}, channel(d.getFeatures(), 0, 1));
    }

    @Test
    void aForecastPastTheDataNeedsTheFutureCovariatesOfItsHorizon() {
        SeriesWindows cutter = new SeriesWindows(new WindowSpec(3, 2, 1, 1), SplitSpec.bySeries(0, 0, 1),
                Task.FORECAST, LAYOUT);
        // covariates only as long as y: nothing known about the horizon
        assertNull(cutter.future(series(Y, new double[][] {TEMP, PROMO})));
        // promo known for two more steps (210, 211): the future window reads them
        double[] longer = {200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211};
        double[] temp = java.util.Arrays.copyOf(TEMP, 12);
        Window f = cutter.future(series(Y, new double[][] {temp, longer}));
        assertEquals(10, f.end());
        assertArrayEquals(new float[] {107, 108, 109, 0, 0}, f.covariates()[0]);
        assertArrayEquals(new float[] {207, 208, 209, 210, 211}, f.covariates()[1]);
    }
}
