"""Helpers to read back exported .docx bytes, shared by the exporting tests.

Other apps' tests (the export service, views) can reuse them::

    from apps.exporting.tests import docx_text
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from lxml import etree


def docx_text(data: bytes) -> list[str]:
    """Texts of the body paragraphs of a .docx, in order.

    Args:
        data: the bytes of a .docx file.

    Returns:
        One string per body paragraph (headers and footers excluded); line
        breaks inside a paragraph are ``"\\n"``, tabs ``"\\t"``, empty
        paragraphs ``""``.
    """
    return [p.text for p in docx.Document(BytesIO(data)).paragraphs]


def docx_parts(data: bytes) -> dict[str, etree._Element]:
    """Parse every XML part of a .docx.

    Args:
        data: the bytes of a .docx file.

    Returns:
        Root elements keyed by part name inside the zip (``word/document.xml``).
    """
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml") or name.endswith(".rels")
        }
