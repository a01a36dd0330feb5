import os
from pathlib import Path

from celery import Celery
from celery.signals import worker_process_init

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
