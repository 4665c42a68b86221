"""Airflow DAGs for rnn-forecast, built on the Apache Spark provider's SparkSubmitOperator.

Two DAGs, one SparkSubmitOperator task per job command:

``rnn_forecast_daily``: check_input -> train -> evaluate (retrains every day)
    check_input  ``check``: reads data.path through the ingestion rules and prints, in the task log, where every row
                 and series went. Writes nothing; a bad --conf file or key fails here (exit 2) before any training.
    train        ``train``: trains on data.path and saves the model directory (model.zip, model.json, scalers/)
                 to ``<models>/<run id>``, with its epoch checkpoints there (train.resume, below).
    evaluate     ``evaluate``: loads ``<models>/<run id>`` and writes the run id's rows of the result tables under
                 output.root: summary, series_metrics, forecasts (test windows, and the horizon past the end of
                 every series while evaluate.future = true), rejects and runs.

``rnn_forecast_predict``: predict (forecasts every day with a model you keep, without retraining)
    predict      ``predict``: loads the kept model (param model_dir) and writes the forecasts, rejects and runs rows
                 of run id ``<run id>-predict`` under output.root: the horizon past the end of every series in
                 data.path.

Predicting daily with a kept model instead of retraining: pick a model whose evaluate results you trust and copy
its directory to ``<models>/kept`` (``hdfs dfs -rm -r -f <models>/kept; hdfs dfs -cp <models>/20260105
<models>/kept``; the model records the run that trained it, which predict writes to runs.model_run_id), or point
RNN_FORECAST_KEPT_MODEL (or the DAG's model_dir param) at it; then pause rnn_forecast_daily (or give it a slower
schedule, or trigger it by hand when you want a new model) and unpause rnn_forecast_predict. Promoting a newer
model is the same copy again. predict takes the model's windows, split, scaling and repair rules from the model
itself, so the --conf file only has to say where the new data is (data.path, data.format, data.columns.*) and
where output.root is.

Run id: ``{{ data_interval_end | ds_nodash }}``, the day the run's data interval ends (for @daily, the day the
data is complete up to, which is the date its forecasts are made "as of"). It is a function of the interval alone,
so a retry, a cleared task or a backfill of the same interval gets the same id: the job deletes and rewrites that
run id's partitions in every result table (no duplicated rows) and train finds that run's checkpoints. The job's
own default (an empty run-id becomes a wall-clock stamp) would give every attempt a new id, duplicate rows and
start training over. ``ds_nodash`` (the logical date, i.e. the interval start) would be just as stable but labels
the run one day before the cut-off of the data it reads. Airflow 3 gives a manually triggered run without a logical
date no data interval, so the template does not render: trigger manual runs with a logical date. predict appends
``-predict``: a run id's partitions are replaced when it is written again, so predict must not share the id of an
evaluate run, whose forecasts it would delete.

Retries resume training: train runs with ``--set train.resume=auto``, so a retried train task (same run id, same
``<models>/<run id>``) continues from the last epoch checkpoint the failed attempt saved instead of starting again
from epoch 0. To retrain a day from scratch, delete ``<models>/<run id>`` before clearing its train task. Exit codes:
0 ok, 1 job failed, 2 invalid configuration or usage (retrying those cannot help; fix the conf file); Airflow marks
the task failed on anything but 0.

Installing:
  1. On the Airflow scheduler/DAG processor and workers (Airflow 2.4 or later, or 3):
     ``pip install apache-airflow-providers-apache-spark``.
  2. On the workers: Java 17 and a Spark 3.5 (Scala 2.12) installation whose ``spark-submit`` is on PATH (the
     provider runs ``spark-submit``; the connection's extra "spark-binary" may name spark3-submit instead).
  3. Build the shaded jar once: ``mvn -DskipTests package`` in a checkout -> ``target/rnn-forecast-spark.jar``.
  4. A Spark connection for the master, e.g.
     ``airflow connections add spark_default --conn-type spark --conn-host spark://master --conn-port 7077``
     (or ``--conn-host yarn``; ``--conn-host k8s://...`` needs the cncf.kubernetes provider too).
  5. Copy this file into your dags/ folder and write your HOCON file (data.path, data.format, data.columns.*,
     window.*, model.*, output.root ...; ``rnn-forecast config --defaults`` lists every key).
The tasks run spark-submit in client mode: the driver runs on the Airflow worker, reads the --conf file from the
worker's local disk and gets the Java 17 options below through spark.driver.extraJavaOptions (spark-submit's
launcher puts them on the driver JVM's command line); the executors get them through
spark.executor.extraJavaOptions.

Environment variables (read where the DAG file is parsed: scheduler/DAG processor and workers):
  RNN_FORECAST_HOME           a checkout with the jar built (default /opt/rnn-forecast)
  RNN_FORECAST_JAR            the shaded application jar (default $RNN_FORECAST_HOME/target/rnn-forecast-spark.jar)
  RNN_FORECAST_CONF           your HOCON file, default of param conf (default $RNN_FORECAST_HOME/conf/my-data.conf)
  RNN_FORECAST_MODELS         where each day's model directory goes, default of param models
                              (default hdfs:///models/rnn-forecast); any Hadoop filesystem URI
  RNN_FORECAST_KEPT_MODEL     the model predict uses, default of param model_dir (default $RNN_FORECAST_MODELS/kept)
  RNN_FORECAST_SPARK_CONN     the Spark connection id (default spark_default)
  RNN_FORECAST_DRIVER_MEMORY  spark-submit --driver-memory (default 4g)
The params can also be changed per run when triggering (``airflow dags trigger -c '{"conf": "..."}'``).

The job's arguments are module-level constants in plain literal form (strings, lists, dicts and names of earlier
constants) so that src/test/java/io/rnnforecast/job/AirflowDagTest.java can read them without Airflow and check
them against the job's command line; keep them that way.
"""
import os
from datetime import datetime, timedelta, timezone

try:
    from airflow.sdk import DAG  # Airflow 3
except ImportError:
    from airflow import DAG  # Airflow 2
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

HOME = os.environ.get("RNN_FORECAST_HOME", "/opt/rnn-forecast")
APPLICATION = os.environ.get("RNN_FORECAST_JAR", f"{HOME}/target/rnn-forecast-spark.jar")
CONF_FILE = os.environ.get("RNN_FORECAST_CONF", f"{HOME}/conf/my-data.conf")
MODELS = os.environ.get("RNN_FORECAST_MODELS", "hdfs:///models/rnn-forecast")
KEPT_MODEL = os.environ.get("RNN_FORECAST_KEPT_MODEL", f"{MODELS}/kept")
SPARK_CONN_ID = os.environ.get("RNN_FORECAST_SPARK_CONN", "spark_default")
DRIVER_MEMORY = os.environ.get("RNN_FORECAST_DRIVER_MEMORY", "4g")

JAVA_CLASS = "io.rnnforecast.job.Main"

# submit/java17-opens.sh (Spark's own module opens): keep the two in step. Without them the driver fails with
# IllegalAccessError on sun.nio.ch.DirectBuffer.
JAVA17_OPTIONS = (
    "-XX:+IgnoreUnrecognizedVMOptions"
    " --add-opens=java.base/java.lang=ALL-UNNAMED"
    " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
    " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
    " --add-opens=java.base/java.io=ALL-UNNAMED"
    " --add-opens=java.base/java.net=ALL-UNNAMED"
    " --add-opens=java.base/java.nio=ALL-UNNAMED"
    " --add-opens=java.base/java.util=ALL-UNNAMED"
    " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
    " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
    " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
    " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
    " --add-opens=java.base/sun.security.action=ALL-UNNAMED"
    " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
    " -Djdk.reflect.useDirectMethodHandle=false"
)

SPARK_CONF = {
    "spark.driver.extraJavaOptions": JAVA17_OPTIONS,
    "spark.executor.extraJavaOptions": JAVA17_OPTIONS,
    # One Spark task per core: native BLAS single-threaded on the executors (the driver: env_vars below).
    "spark.executorEnv.OMP_NUM_THREADS": "1",
}

# The job's command line per task: the command, then --conf FILE and --set key=value pairs (keys of
# src/main/resources/rnnforecast.conf). Jinja templates are rendered by Airflow (application_args is templated).
# spark.app-name is set because the job names its SparkSession itself (overriding spark-submit's --name).
APPLICATION_ARGS = {
    "check_input": [
        "check",
        "--conf", "{{ params.conf }}",
        "--set", "run-id={{ data_interval_end | ds_nodash }}",
        "--set", "data.generator=none",
        "--set", "spark.app-name=rnn-forecast-check_input-{{ data_interval_end | ds_nodash }}",
    ],
    "train": [
        "train",
        "--conf", "{{ params.conf }}",
        "--set", "run-id={{ data_interval_end | ds_nodash }}",
        "--set", "data.generator=none",
        "--set", "train.model-dir={{ params.models }}/{{ data_interval_end | ds_nodash }}",
        # A retry (same run id) continues from the run's last epoch checkpoint under train.model-dir.
        "--set", "train.resume=auto",
        "--set", "spark.app-name=rnn-forecast-train-{{ data_interval_end | ds_nodash }}",
    ],
    "evaluate": [
        "evaluate",
        "--conf", "{{ params.conf }}",
        "--set", "run-id={{ data_interval_end | ds_nodash }}",
        "--set", "data.generator=none",
        "--set", "train.model-dir={{ params.models }}/{{ data_interval_end | ds_nodash }}",
        "--set", "spark.app-name=rnn-forecast-evaluate-{{ data_interval_end | ds_nodash }}",
    ],
    "predict": [
        "predict",
        "--conf", "{{ params.conf }}",
        "--set", "run-id={{ data_interval_end | ds_nodash }}-predict",
        "--set", "data.generator=none",
        "--set", "train.model-dir={{ params.model_dir }}",
        "--set", "spark.app-name=rnn-forecast-predict-{{ data_interval_end | ds_nodash }}",
    ],
}

DEFAULT_ARGS = {"retries": 2, "retry_delay": timedelta(minutes=10)}


def submit(task_id):
    """One spark-submit of the job: APPLICATION_ARGS[task_id] after the jar."""
    return SparkSubmitOperator(
        task_id=task_id,
        application=APPLICATION,
        java_class=JAVA_CLASS,
        conf=SPARK_CONF,
        application_args=APPLICATION_ARGS[task_id],
        conn_id=SPARK_CONN_ID,
        # client: the driver reads --conf from the worker's disk and its exit code is the task's.
        deploy_mode="client",
        driver_memory=DRIVER_MEMORY,
        env_vars={"OMP_NUM_THREADS": "1"},
        name=f"rnn-forecast-{task_id}-" + "{{ data_interval_end | ds_nodash }}",
    )


with DAG(
    dag_id="rnn_forecast_daily",
    description="rnn-forecast: check the input, train and evaluate a new model every day",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    # conf: your HOCON file (data.path, columns, windows, model...); models: where each day's model is kept.
    params={"conf": CONF_FILE, "models": MODELS},
    tags=["rnn-forecast"],
) as daily:
    submit("check_input") >> submit("train") >> submit("evaluate")

with DAG(
    dag_id="rnn_forecast_predict",
    description="rnn-forecast: forecast new data every day with a kept model (no retraining)",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    schedule="@daily",
    catchup=False,
    default_args=DEFAULT_ARGS,
    # conf: your HOCON file (where the new data is, output.root); model_dir: the model directory to forecast with.
    params={"conf": CONF_FILE, "model_dir": KEPT_MODEL},
    tags=["rnn-forecast"],
) as predict_daily:
    submit("predict")
