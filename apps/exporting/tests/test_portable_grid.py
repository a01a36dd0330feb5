"""The portable page grid (docs/adr/0051): the arithmetic and the rewrite of an uploaded character grid."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from apps.exporting.docx_xml import w
from apps.exporting.portable_grid import char_spacing_twips, make_portable
from apps.exporting.tests.samples import sample_bytes, with_gbt_grid


def _part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def test_char_spacing_fits_28_body_characters_in_the_type_area():
    # 156 mm = 8845 twips; 8845 / 28 = 315.9 twips a character, 4.1 under 16 pt: -5 (rounded narrower).
    assert char_spacing_twips(8845, 16) == -5
    assert 28 * (16 * 20 + char_spacing_twips(8845, 16)) <= 8845
    assert 29 * (16 * 20 + char_spacing_twips(8845, 16)) > 8845
    # A profile at 15 pt would need wider characters, not narrower ones.
    assert char_spacing_twips(8845, 15) == 15


def test_make_portable_turns_a_character_grid_into_a_line_grid_with_character_spacing():
    upload = with_gbt_grid(sample_bytes("000.styled.docx"))
    assert _part(upload, "word/document.xml").find(f".//{w('docGrid')}").get(w("type")) == "linesAndChars"

    portable = make_portable(upload)

    grid = _part(portable, "word/document.xml").find(f".//{w('docGrid')}")
    assert grid.get(w("type")) == "lines"
    assert grid.get(w("linePitch")) == "579"
    assert grid.get(w("charSpace")) is None
    rpr = _part(portable, "word/styles.xml").find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    spacing = rpr.find(w("spacing"))
    assert spacing is not None and spacing.get(w("val")) == "-5"
    # Schema order: w:spacing before w:sz.
    tags = [etree.QName(child).localname for child in rpr]
    assert tags.index("spacing") < tags.index("sz")
    # Every other part is copied unchanged.
    before, after = zipfile.ZipFile(io.BytesIO(upload)), zipfile.ZipFile(io.BytesIO(portable))
    assert before.namelist() == after.namelist()
    for name in before.namelist():
        if name not in ("word/document.xml", "word/styles.xml"):
            assert before.read(name) == after.read(name), name


def test_make_portable_leaves_a_document_without_character_grid_alone():
    upload = sample_bytes("000.styled.docx")
    assert make_portable(upload) is upload
