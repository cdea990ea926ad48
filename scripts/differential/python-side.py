"""Runs the Datadog Forwarder (Python) on one Lambda event, for the differential harness (run.mjs).

Usage: python3 python-side.py <aws/logs_monitoring folder>

Reads one case a line on stdin ({"env", "event", "context", "result", "stderr", "timeoutSeconds"}) and answers one
line on stdout when the case's result file is written. The forwarder's settings are its environment, read at
import, so each case runs in a process of its own, forked from this one after boto3 and requests were imported
(which is most of a cold start), with the case's environment. Its logs go, over HTTP, to the loopback intake
that DD_URL/DD_PORT name.

What the Lambda runtime's layers would provide and Debian does not package is stubbed here, in memory, before
the forwarder is imported (docs/compatibility.md, "The differential run"):

- datadog (datadogpy): only `api`, whose host and key the forwarder sets;
- datadog_lambda: `datadog_lambda_wrapper` (runs the handler, then flushes), `lambda_metric` (5.x: appends a
  `dd_lambda_layer:` tag as the layer does) and `lambda_stats.distribution` (3.x). Points are aggregated as
  datadogpy's ThreadStats aggregates distributions (one series per name, tags and host; 10 s buckets) and posted,
  as the layer does, to <api host>/api/v1/distribution_points;
- trace_forwarder.connection: the Go library (bin/trace-intake.so) needs the Datadog Agent's Go modules to build.
  The stub keeps the JSON the forwarder hands it (its trace payloads with their tags) and writes it to the result.

boto3 clients get endpoint_url from DIFF_AWS_ENDPOINT_<SERVICE> (DIFF_AWS_ENDPOINT otherwise): Debian's botocore
predates AWS_ENDPOINT_URL_<SERVICE>; every AWS call goes to loopback.
"""

import json
import os
import sys
import time
import traceback
import types
import urllib.request

import boto3  # noqa: F401 -- imported once, before the forks
import requests  # noqa: F401
import requests_futures.sessions  # noqa: F401

FORWARDER_DIR = sys.argv[1]
# Loading the service models is the slow part of a client: load the ones the forwarder makes once, here.
for _service in ("s3", "logs", "resourcegroupstaggingapi", "lambda", "sqs"):
    boto3.client(_service, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
TRACE_PAYLOADS = []
DISTRIBUTIONS = {}


def install_stubs():
    datadog = types.ModuleType("datadog")
    datadog.api = types.SimpleNamespace(_api_key=None, _api_host=None, _cacert=True)
    sys.modules["datadog"] = datadog

    def distribution(name, value, timestamp=None, tags=None, host=None):
        stamp = timestamp if timestamp is not None else time.time()
        bucket = stamp - stamp % 10
        tags = list(tags or [])
        key = (name, tuple(sorted(tags)), host)
        series = DISTRIBUTIONS.setdefault(
            key,
            {
                "metric": name,
                "points": {},
                "type": "distribution",
                "host": host,
                "device": None,
                "tags": tags,
                "interval": 10,
            },
        )
        series["points"].setdefault(bucket, []).append(value)

    def flush():
        if not DISTRIBUTIONS:
            return
        series = [
            {**s, "points": [[t, v] for t, v in s["points"].items()]}
            for s in DISTRIBUTIONS.values()
        ]
        DISTRIBUTIONS.clear()
        body = json.dumps({"series": series}).encode("utf-8")
        request = urllib.request.Request(
            datadog.api._api_host + "/api/v1/distribution_points",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "DD-API-KEY": datadog.api._api_key or ""},
        )
        urllib.request.urlopen(request, timeout=10).read()

    def lambda_metric(metric_name, value, timestamp=None, tags=None, force_async=False):
        distribution(metric_name, value, timestamp=timestamp, tags=list(tags or []) + ["dd_lambda_layer:stub"])

    metric = types.ModuleType("datadog_lambda.metric")
    metric.lambda_metric = lambda_metric
    metric.lambda_stats = types.SimpleNamespace(distribution=distribution, flush=flush)
    wrapper = types.ModuleType("datadog_lambda.wrapper")

    def datadog_lambda_wrapper(handler):
        def wrapped(event, context):
            try:
                return handler(event, context)
            finally:
                flush()

        return wrapped

    wrapper.datadog_lambda_wrapper = datadog_lambda_wrapper
    package = types.ModuleType("datadog_lambda")
    package.metric, package.wrapper = metric, wrapper
    sys.modules.update(
        {"datadog_lambda": package, "datadog_lambda.metric": metric, "datadog_lambda.wrapper": wrapper}
    )

    connection = types.ModuleType("trace_forwarder.connection")

    class TraceConnection:
        def __init__(self, root_url, api_key, insecure_skip_verify):
            pass

        def send_traces(self, serialized):
            TRACE_PAYLOADS.extend(json.loads(serialized) if isinstance(serialized, str) else serialized)

    connection.TraceConnection = TraceConnection
    sys.modules["trace_forwarder.connection"] = connection


def point_boto3_at_loopback():
    import boto3
    import botocore.config
    import boto3.session

    def endpoint(service):
        name = "DIFF_AWS_ENDPOINT_" + service.upper().replace("-", "_")
        return os.environ.get(name) or os.environ.get("DIFF_AWS_ENDPOINT")

    path_style = botocore.config.Config(s3={"addressing_style": "path"})

    def patch(original):
        def patched(self, service_name, *args, **kwargs):
            kwargs["endpoint_url"] = endpoint(service_name)
            if service_name == "s3":
                given = kwargs.get("config")
                kwargs["config"] = given.merge(path_style) if given else path_style
            return original(self, service_name, *args, **kwargs)

        return patched

    boto3.session.Session.client = patch(boto3.session.Session.client)
    boto3.session.Session.resource = patch(boto3.session.Session.resource)


class Context:
    def __init__(self, spec):
        self.invoked_function_arn = spec["invokedFunctionArn"]
        self.function_name = spec["functionName"]
        self.function_version = spec.get("functionVersion", "$LATEST")
        self.memory_limit_in_mb = spec["memoryLimitInMB"]
        self.aws_request_id = spec["awsRequestId"]
        self._deadline = time.time() + 120

    def get_remaining_time_in_millis(self):
        return int((self._deadline - time.time()) * 1000)


def run_case(case):
    os.environ.clear()
    os.environ.update(case["env"])
    install_stubs()
    point_boto3_at_loopback()
    sys.path.insert(0, FORWARDER_DIR)
    result = {"error": None, "tracePayloads": TRACE_PAYLOADS}
    try:
        import lambda_function

        lambda_function.lambda_handler(case["event"], Context(case["context"]))
    except BaseException as error:  # the forwarder's failure is a result to compare, not the runner's
        result["error"] = "".join(traceback.format_exception_only(type(error), error)).strip()
        result["traceback"] = traceback.format_exc()
    with open(case["result"], "w", encoding="utf-8") as out:
        json.dump(result, out)


def serve():
    for line in sys.stdin:
        case = json.loads(line)
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                errors = os.open(case["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                os.dup2(errors, 2)
                os.dup2(errors, 1)
                run_case(case)
            except BaseException:
                traceback.print_exc()
                status = 1
            finally:
                sys.stderr.flush()
                os._exit(status)
        deadline = time.time() + case["timeoutSeconds"]
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.time() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                status = -1
                break
            time.sleep(0.01)
        sys.stdout.write(json.dumps({"status": status}) + "\n")
        sys.stdout.flush()


serve()
