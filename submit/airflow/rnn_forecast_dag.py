"""Example Airflow DAG: retrain and evaluate daily with spark-submit.

The run id is the logical date, so a retried or backfilled day replaces exactly its own rows in every result table
(the job deletes and rewrites its run_id partitions) and never duplicates them. Exit codes: 0 ok, 1 job failed,
2 invalid configuration: Airflow marks the task failed on anything but 0.

Copy to your dags/ folder and set RNN_FORECAST_HOME (a checkout with `mvn -DskipTests package` done) and SPARK_HOME.
"""
import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

HOME = os.environ.get("RNN_FORECAST_HOME", "/opt/rnn-forecast")
SUBMIT = f"{HOME}/submit/spark-submit.sh --master {{{{ params.master }}}} --deploy-mode client --"
COMMON = (
    "--conf {{ params.conf }} "
    "--set run-id={{ ds_nodash }} "
    "--set data.generator=none "
    "--set train.model-dir={{ params.models }}/{{ ds_nodash }}"
)

with DAG(
    dag_id="rnn_forecast_daily",
    start_date=datetime(2026, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    # conf: your HOCON file (data.path, columns, windows, model...); models: where each day's model is kept.
    params={"master": "yarn", "conf": f"{HOME}/conf/my-data.conf", "models": "hdfs:///models/rnn-forecast"},
) as dag:
    check = BashOperator(task_id="check_input", bash_command=f"{SUBMIT} check {COMMON}")
    train = BashOperator(task_id="train", bash_command=f"{SUBMIT} train {COMMON}")
    evaluate = BashOperator(task_id="evaluate", bash_command=f"{SUBMIT} evaluate {COMMON}")
    check >> train >> evaluate
