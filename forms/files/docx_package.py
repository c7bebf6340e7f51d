"""The Word file around the document's text: properties, settings, the styles and fonts
it declares, and nothing left over from python-docx's template (thumbnail, Word 2010
styles-with-effects, custom XML, unused styles with blue headings)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from forms.files.document_style import DocumentStyle
from forms.report.text import clean_text
from forms.report.values import Report

WORD_URI = "http://schemas.microsoft.com/office/word"
COMPATIBILITY_MODE = "15"  # Word 2013 and later: no 兼容模式 in the title bar
# Fonts an office may lack and what Word and WPS use instead (w:altName).
ALTERNATIVES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}
_LEFTOVERS = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)
_CORE_LIMIT = 255  # characters Word keeps in a core property


def saved(document: DocxDocument) -> bytes:
    """Return the .docx file of `document`."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def finish(document: DocxDocument, report: Report, style: DocumentStyle) -> None:
    """Set the properties and settings, and drop what the document does not use."""
    _properties(document, report)
    _compatibility(document.settings.element)
    _drop_leftovers(document)
    _drop_unused_styles(document)
    _font_table(document, style)


def _properties(document: DocxDocument, report: Report) -> None:
    """Title, subject, author (the unit), created and modified now; no description."""
    properties = document.core_properties
    unit = clean_text(report.unit).strip()
    properties.title = f"{unit}{report.year}年{report.form.title}"[:_CORE_LIMIT]
    properties.subject = report.form.title
    properties.author = properties.last_modified_by = unit[:_CORE_LIMIT] or "年报助手"
    properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = datetime.now().replace(microsecond=0)
    properties.revision = 1


def _compatibility(settings: Any) -> None:
    """Declare the current Word mode and drop the preview picture request."""
    for name in ("w:savePreviewPicture", "w:rsids"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    compat = settings.find(qn("w:compat"))
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)


def _drop_leftovers(document: DocxDocument) -> None:
    """Remove the template's thumbnail, styles-with-effects and custom XML parts."""
    for owner in (document.part.package, document.part):
        for key, relation in list(owner.rels.items()):
            if relation.reltype in _LEFTOVERS:
                del owner.rels[key]
                owner.rels.related_parts.pop(key, None)


def _drop_unused_styles(document: DocxDocument) -> None:
    """Keep only the styles a paragraph, run or table uses, what they are based on,
    and the defaults Word requires; links to removed styles go too."""
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted = _used_style_ids(document) | {
        i for i, s in by_id.items() if s.get(qn("w:default")) == "1"
    }
    for style_id in list(wanted):
        while style_id in by_id:
            wanted.add(style_id)
            based = by_id[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)
            continue
        for tag in ("w:link", "w:next"):
            for reference in style.findall(qn(tag)):
                if reference.get(qn("w:val")) not in wanted:
                    style.remove(reference)


def _used_style_ids(document: DocxDocument) -> set[str]:
    """Return the style ids named in the body, headers and footers."""
    section = document.sections[0]
    parts = [document.element.body]
    for part in (section.header, section.even_page_header, section.footer):
        if not part.is_linked_to_previous:
            parts.append(part._element)
    parts.append(section.even_page_footer._element)
    tags = [qn(t) for t in ("w:pStyle", "w:rStyle", "w:tblStyle")]
    return {e.get(qn("w:val")) for p in parts for e in p.iter(*tags)}


def _font_table(document: DocxDocument, style: DocumentStyle) -> None:
    """Declare the document's fonts, each with the font Word and WPS use when it is
    missing (仿宋_GB2312 → 仿宋), instead of the template's Latin fonts."""
    part = next(r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE)
    table = OxmlElement("w:fonts")
    for name in dict.fromkeys(style.as_setting().values()):
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        if name in ALTERNATIVES:
            alternative = OxmlElement("w:altName")
            alternative.set(qn("w:val"), ALTERNATIVES[name])
            font.append(alternative)
        for tag, value in (("w:charset", "86"), ("w:family", "auto"), ("w:pitch", "variable")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            font.append(element)
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
