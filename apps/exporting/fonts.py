"""Which of an export profile's fonts this server has, from ``fc-list`` (for the PDF and the previews).

:func:`parse_fc_list` is pure; :func:`installed_families` runs ``fc-list``
once every few minutes (cached in the process); :func:`profile_font_status`
says, for each font a profile names, whether it is installed under that
name, replaced through ``apps/exporting/fonts.conf`` by a free font, or missing.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

FONTS_CONF = Path(__file__).resolve().with_name("fonts.conf")
_CACHE_SECONDS = 300
_cache: dict[str, tuple[float, frozenset[str]]] = {}


def parse_fc_list(output: str) -> frozenset[str]:
    """Family names in ``fc-list : family`` output: one font a line, aliases separated by commas."""
    names = set()
    for line in output.splitlines():
        for name in line.split(":", 1)[0].split(","):
            name = name.strip().replace("\\-", "-")
            if name:
                names.add(name)
    return frozenset(names)


def installed_families(*, fc_list: str = "fc-list", timeout: float = 10) -> frozenset[str] | None:
    """The font families fontconfig knows on this machine, or None when ``fc-list`` cannot run (cached 5 min)."""
    now = time.monotonic()
    cached = _cache.get(fc_list)
    if cached and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    try:
        result = subprocess.run([fc_list, ":", "family"], capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("fc-list failed: %s", exc)
        return None
    if result.returncode != 0:
        return None
    families = parse_fc_list(result.stdout.decode(errors="replace"))
    _cache[fc_list] = (now, families)
    return families


def substitute_family(name: str, *, fc_match: str = "fc-match", timeout: float = 10) -> str | None:
    """The family LibreOffice gets for ``name`` through our fonts.conf (``fc-match``), or None (cached 5 min)."""
    key = f"match:{name}"
    now = time.monotonic()
    cached = _cache.get(key)
    if cached and now - cached[0] < _CACHE_SECONDS:
        return next(iter(cached[1]), None)
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{family}", name], capture_output=True, timeout=timeout, check=False, env=env
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("fc-match failed: %s", exc)
        return None
    family = parse_fc_list(result.stdout.decode(errors="replace")) if result.returncode == 0 else frozenset()
    first = result.stdout.decode(errors="replace").split(",", 1)[0].strip() if family else ""
    _cache[key] = (now, frozenset([first]) if first else frozenset())
    return first or None


@dataclass(frozen=True)
class FontStatus:
    role: str  # 标题, 正文…
    name: str
    installed: bool
    substitute: str | None  # the free font used instead, through fonts.conf


def profile_font_status(fonts: list[tuple[str, str]], families: frozenset[str], substitute=substitute_family):
    """For each (role, font name) of a profile: installed, or the substitute the PDF will use instead.

    ``substitute(name)`` gives the family fontconfig picks (None when unknown).
    """
    out = []
    for role, name in fonts:
        installed = name in families
        out.append(FontStatus(role, name, installed, None if installed else substitute(name)))
    return out
