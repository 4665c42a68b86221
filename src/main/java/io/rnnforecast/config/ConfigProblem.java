package io.rnnforecast.config;

/** A configuration the job refuses before starting Spark; the message names the key and what is allowed. */
public final class ConfigProblem extends RuntimeException {
    public ConfigProblem(String message) {
        super(message);
    }

    public ConfigProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
