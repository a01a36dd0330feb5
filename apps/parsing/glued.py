"""Whether a placeholder touches digits that survived beside it (``XX3亿元``, ``1XX``). Pure Python.

The parser flags such a placeholder as suspicious when it reads the draft; the reports app asks again
whenever the text around it is edited, so the flag (请核对) goes once the cause is gone.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9０-９.]+")
GLUED_NOTE_PREFIX = "占位符与数字相连"


def glued_digits_note(text: str, start: int, end: int) -> str:
    """The note to show when ``text[start:end]`` (a placeholder) is glued to digits, else ``""``."""
    digits = _DIGITS.match(text, end, end + 8)
    if digits:
        return f"{GLUED_NOTE_PREFIX}（{text[start : digits.end()]}），请核对"
    if start > 0 and text[start - 1].isdigit():
        return f"{GLUED_NOTE_PREFIX}（{text[max(0, start - 3) : end]}），请核对"
    return ""
