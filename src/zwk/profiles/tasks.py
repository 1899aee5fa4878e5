"""Background tasks: import jobs run in a Celery worker when REDIS_URL is set, otherwise
synchronously in the request (CELERY_TASK_ALWAYS_EAGER).

The import task has time limits (``ImportJob.SOFT_TIME_LIMIT``: the job stops with a German
message and nothing is stored; ``TIME_LIMIT``: the worker kills it – the job is then shown as
failed by ``services.import_jobs_fail_stale``)."""

from celery import shared_task

from zwk.profiles.models import ImportJob
from zwk.profiles.services import derived_refresh_for, import_job_run


@shared_task(
    bind=True,
    name="zwk.profiles.tasks.run_import_job",
    soft_time_limit=ImportJob.SOFT_TIME_LIMIT,
    time_limit=ImportJob.TIME_LIMIT,
)
def run_import_job(self, job_id: int) -> str:
    # run in the web process (broker down): the request's shorter limit
    seconds = ImportJob.REQUEST_TIME_LIMIT if self.request.is_eager else ImportJob.SOFT_TIME_LIMIT
    return import_job_run(job_id, seconds=seconds).status


@shared_task(name="zwk.profiles.tasks.precompute_new_municipality")
def precompute_new_municipality(municipality_id: int) -> dict:
    """A Kommune created by the office or approved from a registration: its history
    projection is computed in the worker, not on the coordinator's first profile page."""
    return derived_refresh_for(municipality_id)
