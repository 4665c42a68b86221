package io.rnnforecast.series.classical;

import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead simplex minimizer as R's {@code optim(method = "Nelder-Mead")} runs it (Nash, Compact Numerical
 * Methods for Computers, 2nd ed.; R's {@code nmmin}), which R forecast's {@code ets} calls with reflection 1,
 * contraction 0.5, expansion 2, no absolute tolerance, relative tolerance sqrt(machine epsilon) and at most 2000
 * function evaluations. The same steps in the same order (the starting simplex of steps 0.1 x the largest |start|,
 * the centroid summed in R's order, ties broken as R breaks them) so that, on the same objective, the simplex
 * follows R's path and stops where R stops: a rewrite of the algorithm, not a general-purpose optimizer (a better
 * one would find other optima than R's, and the forecasts are checked against R's to 1e-4).
 * Converged when the simplex' highest and lowest values differ by at most tolerance x (|f(start)| + tolerance).
 * A non-finite value counts as 1e35, so a bound is a wall the simplex turns back from.
 */
public final class NelderMead {
    /** R's {@code sqrt(.Machine$double.eps)}, the relative tolerance ets passes. */
    public static final double R_TOLERANCE = Math.sqrt(Math.ulp(1.0));
    public static final int R_MAX_EVALUATIONS = 2000;
    private static final double BIG = 1.0e35;
    private static final double REFLECT = 1;
    private static final double CONTRACT = 0.5;
    private static final double EXPAND = 2;

    private NelderMead() {
    }

    /** The lowest vertex found, its value and the evaluations spent ({@code converged}: stopped by the tolerance). */
    public record Result(double[] point, double value, int evaluations, boolean converged) {
    }

    public static Result minimize(ToDoubleFunction<double[]> objective, double[] start, double tolerance,
                                  int maxEvaluations) {
        int n = start.length;
        double first = objective.applyAsDouble(start.clone());
        if (!Double.isFinite(first)) {
            throw new IllegalArgumentException("the objective cannot be evaluated at the starting point");
        }
        double convergence = tolerance * (Math.abs(first) + tolerance);
        double[][] vertex = new double[n + 1][];
        double[] value = new double[n + 1];
        vertex[0] = start.clone();
        value[0] = first;
        double step = 0;
        for (double v : start) {
            step = Math.max(step, 0.1 * Math.abs(v));
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j <= n; j++) {
            vertex[j] = start.clone();
            double trial = step;
            // a step too small to change the coordinate grows tenfold until it does
            while (vertex[j][j - 1] == start[j - 1]) {
                vertex[j][j - 1] = start[j - 1] + trial;
                trial *= 10;
            }
            size += trial;
        }
        double oldSize = size;
        int evaluations = 1;
        int low = 0;
        boolean evaluateVertices = true;
        boolean converged = false;
        double[] centroid = new double[n];
        do {
            if (evaluateVertices) {
                for (int j = 0; j <= n; j++) {
                    if (j != low) {
                        value[j] = finite(objective.applyAsDouble(vertex[j].clone()));
                        evaluations++;
                    }
                }
                evaluateVertices = false;
            }
            double lowValue = value[low];
            double highValue = lowValue;
            int high = low;
            for (int j = 0; j <= n; j++) {
                if (j != low) {
                    if (value[j] < lowValue) {
                        low = j;
                        lowValue = value[j];
                    }
                    if (value[j] > highValue) {
                        high = j;
                        highValue = value[j];
                    }
                }
            }
            if (highValue <= lowValue + convergence) {
                converged = true;
                break;
            }
            for (int i = 0; i < n; i++) {
                double sum = -vertex[high][i];
                for (int j = 0; j <= n; j++) {
                    sum += vertex[j][i];
                }
                centroid[i] = sum / n;
            }
            double[] trial = new double[n];
            for (int i = 0; i < n; i++) {
                trial[i] = (1.0 + REFLECT) * centroid[i] - REFLECT * vertex[high][i];
            }
            double reflected = finite(objective.applyAsDouble(trial.clone()));
            evaluations++;
            if (reflected < lowValue) {
                double[] expansion = new double[n];
                for (int i = 0; i < n; i++) {
                    expansion[i] = EXPAND * trial[i] + (1 - EXPAND) * centroid[i];
                }
                double expanded = finite(objective.applyAsDouble(expansion.clone()));
                evaluations++;
                if (expanded < reflected) {
                    vertex[high] = expansion;
                    value[high] = expanded;
                } else {
                    vertex[high] = trial;
                    value[high] = reflected;
                }
            } else {
                if (reflected < highValue) {
                    vertex[high] = trial;
                    value[high] = reflected;
                }
                double[] contraction = new double[n];
                for (int i = 0; i < n; i++) {
                    contraction[i] = (1 - CONTRACT) * vertex[high][i] + CONTRACT * centroid[i];
                }
                double contracted = finite(objective.applyAsDouble(contraction.clone()));
                evaluations++;
                if (contracted < value[high]) {
                    vertex[high] = contraction;
                    value[high] = contracted;
                } else if (reflected >= highValue) {
                    // shrink every vertex halfway towards the lowest; stop if the simplex no longer shrinks
                    evaluateVertices = true;
                    size = 0;
                    for (int j = 0; j <= n; j++) {
                        if (j != low) {
                            for (int i = 0; i < n; i++) {
                                vertex[j][i] = CONTRACT * (vertex[j][i] - vertex[low][i]) + vertex[low][i];
                                size += Math.abs(vertex[j][i] - vertex[low][i]);
                            }
                        }
                    }
                    if (size < oldSize) {
                        oldSize = size;
                    } else {
                        break;
                    }
                }
            }
        } while (evaluations <= maxEvaluations);
        return new Result(vertex[low].clone(), value[low], evaluations, converged);
    }

    private static double finite(double f) {
        return Double.isFinite(f) ? f : BIG;
    }
}
