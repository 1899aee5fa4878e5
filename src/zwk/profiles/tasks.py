"""Background tasks: import jobs run in a Celery worker when REDIS_URL is set, otherwise
synchronously in the request (CELERY_TASK_ALWAYS_EAGER).

The import task has time limits (``ImportJob.SOFT_TIME_LIMIT``: the job stops with a German
message and nothing is stored; ``TIME_LIMIT``: the worker kills it – the job is then shown as
failed by ``services.import_jobs_fail_stale``)."""

from celery import shared_task

from zwk.profiles.models import ImportJob


@shared_task(soft_time_limit=ImportJob.SOFT_TIME_LIMIT, time_limit=ImportJob.TIME_LIMIT)
def run_import_job(job_id: int) -> str:
    from zwk.profiles.services import import_job_run

    return import_job_run(job_id).status
