"""Enqueue a Celery task by its name, so that services never import the task modules that call them.

Tasks call services; a service that needs work done in the background names the task here
(``enqueue("apps.drafts.tasks.draft_parse", upload_id)``). The name is looked up in the app's
registry, which autodiscovery fills, so eager mode (``CELERY_TASK_ALWAYS_EAGER``) still runs it.
"""

from __future__ import annotations

import importlib

from celery import current_app


def enqueue(task_name: str, *args, **kwargs):
    """Publish ``task_name`` with these arguments (raises what the broker raises: callers decide).

    The task's module is imported here when no one has yet: in the web process Celery's autodiscovery imports
    task modules only when a worker starts, so a process that never imported it would not know the name.
    """
    if task_name not in current_app.tasks:
        importlib.import_module(task_name.rpartition(".")[0])
    return current_app.tasks[task_name].delay(*args, **kwargs)
