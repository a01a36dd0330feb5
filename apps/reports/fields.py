"""HTML of one placeholder field, rendered in Python.

A report can show a thousand fields on one page (the indicator table); a template include
per field costs ~0.5 ms, this ~20 µs. Everything user-provided goes through format_html.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime


def _input(ph, url: str, *, shown: str, error: str, state: str) -> SafeString:
    classes = f"form-control form-control-sm d-inline-block ph-input ph-{ph.kind}"
    if error:
        classes += " is-invalid"
    elif state == "saved":
        classes += " is-valid"
    common = format_html(
        'name="ph_{pk}" class="{classes}" data-ph="{pk}" title="{label}" aria-label="{label}" placeholder="{hint}" '
        'autocomplete="off" hx-post="{url}" hx-trigger="change" hx-target="#ph-{pk}" hx-swap="outerHTML" '
        'hx-params="ph_{pk},version" hx-vals="{vals}"{invalid}',
        pk=ph.pk,
        classes=classes,
        label=ph.full_label,
        hint=ph.raw or "＿＿",
        url=url,
        vals=json.dumps({"version": str(ph.version)}),
        invalid=mark_safe(' aria-invalid="true"') if error else "",
    )
    if ph.kind == "text":
        return format_html('<textarea rows="2" {}>{}</textarea>', common, shown)
    return format_html('<input type="text" value="{}" {}>', shown, common)


def _conflict(ph, url: str, *, shown: str, other) -> SafeString:
    keep = json.dumps({"version": str(other.version), f"ph_{ph.pk}": shown})
    return format_html(
        '<span class="ph-conflict alert alert-warning d-inline-block p-1 small" role="alert">'
        "{who} 于 {when} 已改为“{theirs}”。"
        '<button type="button" class="btn btn-sm btn-warning ph-keep-mine" hx-post="{url}" hx-target="#ph-{pk}" '
        'hx-swap="outerHTML" hx-vals="{keep}">保留我的“{mine}”</button> '
        '<button type="button" class="btn btn-sm btn-outline-secondary ph-take-theirs" hx-get="{url}" '
        'hx-target="#ph-{pk}" hx-swap="outerHTML">采用对方的</button></span>',
        who=other.filled_by or "他人",
        # Called from Python, the date filter does not convert to the current time zone as templates do.
        when=date_filter(localtime(other.filled_at), "H:i:s") if other.filled_at else "刚才",
        theirs=other.display_value or "（空）",
        url=url,
        pk=ph.pk,
        keep=keep,
        mine=shown,
    )


def _field_url(report_pk: int, pk: int) -> str:
    # reverse() costs ~15 µs; a table of a thousand fields reverses once per report and appends the id.
    return f"{_field_url_prefix(report_pk)}{pk}/"


@lru_cache(maxsize=256)
def _field_url_prefix(report_pk: int) -> str:
    url = reverse("reports:placeholder_field", args=[report_pk, 1])
    assert url.endswith("/1/")
    return url[: -len("1/")]


def render_field(
    ph,
    *,
    report_pk: int,
    editable: bool,
    shown: str | None = None,
    error: str = "",
    state: str = "",
    other=None,
    version: int | None = None,
) -> SafeString:
    """The field of placeholder ``ph``: an input (or the printed value when not editable) and its state.

    ``state`` is "", "saved", "error" (with ``error``) or "conflict" (with ``other``, the stored placeholder).
    An editable field carries its version in a hidden ``v_<id>`` (``version``, else ``ph.version``) for the
    whole-page 「保存」 form; autosave sends its own (hx-params leaves the hidden one out).
    """
    shown = ph.value if shown is None else shown
    url = _field_url(report_pk, ph.pk)
    if editable:
        control = _input(ph, url, shown=shown, error=error, state=state)
        control = format_html(
            '{}<input type="hidden" name="v_{}" value="{}">', control, ph.pk, ph.version if version is None else version
        )
    else:
        control = format_html(
            '<mark class="ph-value{}" title="{}">{}</mark>',
            "" if ph.is_filled else " ph-empty",
            ph.full_label,
            ph.display_value or "＿＿",
        )
    # The printed value (read-only) already carries its % (display_value); the unit follows an input only.
    unit = format_html('<span class="ph-unit">{}</span>', ph.unit_hint) if ph.unit_hint and editable else ""
    if ph.suspicious:
        # e.g. "XX3亿元": the draft glued a placeholder to a digit; the user must check what the value replaces.
        unit = format_html(
            '{}<span class="badge bg-warning text-dark ph-suspicious" title="{}">请核对</span>',
            unit,
            ph.note or "此处原文可疑（待填项与数字相连），请核对填写后的结果。",
        )
    if state == "saved":
        status = mark_safe('<span class="ph-status text-success small" role="status">✓ 已保存</span>')
    elif state == "error":
        status = format_html('<span class="ph-error text-danger small" role="alert">{}</span>', error)
    elif state == "conflict" and other is not None:
        status = _conflict(ph, url, shown=shown, other=other)
    else:
        status = ""
    return format_html(
        '<span class="ph-wrap ph-state-{}" id="ph-{}">{}{}{}</span>', state or "idle", ph.pk, control, unit, status
    )


def render_indicator_row(row: dict, *, report_pk: int) -> SafeString:
    """One row of the indicator table (see selectors.indicator_rows): name, period, value, growth, rank, others."""
    indicator = row["indicator"]

    def cell(ph):
        if not ph:
            return ""
        field = render_field(ph, report_pk=report_pk, editable=ph.section.is_editable)
        # Out of its sentence the unit the sentence prints ("同比增长XX%") must be shown too; outside the
        # field's wrapper, so that an autosave (which replaces the wrapper) keeps it.
        if ph.unit and not ph.unit_hint:
            return format_html('{}<span class="ph-unit ph-unit-detached">{}</span>', field, ph.unit)
        return field

    others = format_html_join(
        "",
        '<div class="mb-1"><span class="small text-muted">{}</span> {}</div>',
        ((ph.full_label, cell(ph)) for ph in row["others"]),
    )
    unit = format_html('<span class="text-muted small">（{}）</span>', indicator.unit) if indicator.unit else ""
    if row.get("last_year"):
        unit = format_html('{}<div class="small text-muted fw-normal ph-last-year">{}</div>', unit, row["last_year"])
    section = row["section"]
    return format_html(
        '<tr id="indicator-{}-{}"><th scope="row">{}{}{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td class="small"><a href="{}">{}</a></td></tr>',
        indicator.pk,
        section.pk,
        indicator.scope,
        indicator.name,
        unit,
        indicator.get_period_display(),
        cell(row["cells"].get("value")),
        cell(row["cells"].get("growth")),
        cell(row["cells"].get("rank")),
        others,
        section.get_absolute_url(),
        Truncator(str(section)).chars(14),
    )
