"""What the drafts app adds to the reports app's rules (registered in DraftsConfig.ready())."""

from __future__ import annotations

import logging

from django.db import transaction

from apps.drafts.models import DraftUpload
from apps.reports import hooks

logger = logging.getLogger(__name__)


def _report_purge(*, report) -> None:
    """A report removed for good takes its uploads with it; the files go once the purge has committed."""
    uploads = list(DraftUpload.objects.filter(report=report))
    names = [u.file.name for u in uploads if u.file]
    storage = DraftUpload._meta.get_field("file").storage
    DraftUpload.objects.filter(pk__in=[u.pk for u in uploads]).delete()

    def remove_files():
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("purge of report %s: could not remove %s", report.pk, name)

    transaction.on_commit(remove_files)


def register_all() -> None:
    hooks.register(hooks.REPORT_PURGE, _report_purge)
