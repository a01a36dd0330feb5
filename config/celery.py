"""The Celery application: settings from Django's (namespace CELERY_), tasks from every app.

Reliability (docs/deployment.md): tasks are acknowledged late and requeued when their worker
dies; with Redis an unacknowledged message goes back to the queue after CELERY_VISIBILITY_TIMEOUT.
Every worker asks for one sweep of stuck uploads when it starts (``worker_ready``); celery beat
repeats it every PARSE_SWEEP_INTERVAL seconds.
"""

import logging
import os
import uuid
from pathlib import Path

from celery import Celery
from celery.signals import worker_init, worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("county_reports")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _ensure_filesystem_queue() -> None:
    """kombu's filesystem transport needs its folders to exist before anyone connects."""
    if not str(app.conf.broker_url).startswith("filesystem"):
        return
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = app.conf.broker_transport_options.get(key)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _on_configure(sender, **_kwargs):
    _ensure_filesystem_queue()


@worker_process_init.connect
def _warm_up_parser(**_kwargs):
    """Load jieba's dictionary once per worker process, not once per task."""
    from apps.parsing import warm_up

    warm_up()


INCARNATION_ENV = "REPORTS_WORKER_INCARNATION"  # read by apps.drafts.tasks


@worker_init.connect
def _name_this_incarnation(sender=None, **_kwargs):
    """ "<node name>#<id>", inherited by the pool processes forked after this: parses claimed under
    another id of the same node name were claimed by a worker that is now dead."""
    os.environ[INCARNATION_ENV] = f"{sender.hostname}#{uuid.uuid4().hex[:12]}"


@worker_ready.connect
def _sweep_on_start(sender=None, **_kwargs):
    """Uploads left in `parsing` by a dead worker, or `pending` with a lost message, are retried;
    those of this worker's previous incarnation at once (apps.drafts.services.draft_sweep_run)."""
    try:
        app.send_task("apps.drafts.tasks.draft_sweep", kwargs={"restarted": os.environ.get(INCARNATION_ENV, "")})
    except Exception:  # a broker hiccup at start must not stop the worker; beat sweeps again later
        logging.getLogger(__name__).exception("could not enqueue the start-up sweep of stuck uploads")
