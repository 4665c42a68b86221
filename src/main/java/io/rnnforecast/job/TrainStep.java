package io.rnnforecast.job;

import io.rnnforecast.api.RnnForecastModel;
import io.rnnforecast.api.SeriesData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code train} step: the configured estimator fitted on series already read, saved to train.model-dir. */
final class TrainStep {
    private static final Logger LOG = LoggerFactory.getLogger(TrainStep.class);

    private TrainStep() {
    }

    static RnnForecastModel run(JobConfig config, SeriesData data) {
        RnnForecastModel model = config.forecaster().fit(data);
        model.save(config.modelDir());
        LOG.info("model {} saved to {}", model.name(), config.modelDir());
        return model;
    }
}
