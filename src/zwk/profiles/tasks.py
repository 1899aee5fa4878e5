"""Background tasks: import jobs run in a Celery worker when REDIS_URL is set, otherwise
synchronously in the request (CELERY_TASK_ALWAYS_EAGER)."""

from celery import shared_task


@shared_task
def run_import_job(job_id: int) -> str:
    from zwk.profiles.services import import_job_run

    return import_job_run(job_id).status
