"""Enqueue a Celery task by its name, so that services never import the task modules that call them.

Tasks call services; a service that needs work done in the background names the task here
(``enqueue("apps.drafts.tasks.draft_parse", upload_id)``). The name is looked up in the app's
registry, which autodiscovery fills, so eager mode (``CELERY_TASK_ALWAYS_EAGER``) still runs it.
"""

from __future__ import annotations

from celery import current_app


def enqueue(task_name: str, *args, **kwargs):
    """Publish ``task_name`` with these arguments (raises what the broker raises: callers decide)."""
    return current_app.tasks[task_name].delay(*args, **kwargs)
