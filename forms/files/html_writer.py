"""The report as a web page: one self-contained UTF-8 HTML file for the portal.

It renders the document outline (`forms.files.outline`) — the same title, headings,
paragraphs and tables as the Word document — with:

- no scripts and nothing loaded from elsewhere (no fonts, images or style sheets);
- borders, alignment and merges written on the table and its cells themselves
  (`border`, `style`, `rowspan`/`colspan`), so a table pasted into a CMS editor,
  which drops `<style>` blocks, keeps its lines and merges;
- on a phone the text wraps to the screen, and a wide table scrolls sideways inside
  its own box (`overflow-x: auto` on a wrapper) instead of widening the page;
- printing on A4 with the tables at full width and a header row never left alone.
"""

from __future__ import annotations

from html import escape

from forms.files.document_style import DocumentStyle
from forms.files.outline import Draft, Heading, Paragraph, Signature, TableBlock, Title, outline
from forms.report.values import Report

# A table this many columns wide or more is too wide for a phone: it keeps a minimum
# width and scrolls inside its box.
_WIDE_COLUMNS = 6
_CELL = "border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle"
_HEADER_CELL = _CELL + ";font-weight:normal"
_TABLE = "border-collapse:collapse;margin:0 auto;font-size:14px;line-height:1.4"

_STYLE = """
body { margin: 0; background: #fff; color: #000; }
.nianbao-report { max-width: 860px; margin: 0 auto; padding: 16px;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, serif; font-size: 18px;
  line-height: 1.8; overflow-wrap: anywhere; }
.nianbao-report h1 { font-family: "方正小标宋简体", "小标宋", "宋体", SimSun, serif;
  font-size: 26px; font-weight: normal; text-align: center; line-height: 1.5;
  margin: 0.5em 0 1em; }
.nianbao-report h2 { font-family: "黑体", SimHei, sans-serif; font-size: 18px;
  font-weight: normal; margin: 0.6em 0 0; text-indent: 2em; }
.nianbao-report h3 { font-family: "楷体_GB2312", "楷体", KaiTi, serif; font-size: 18px;
  font-weight: normal; margin: 0.3em 0 0; text-indent: 2em; }
.nianbao-report p { margin: 0; text-indent: 2em; text-align: justify;
  white-space: pre-wrap; }
.nianbao-report p.signature { text-align: right; text-indent: 0; margin-right: 2em; }
.nianbao-report .table-box { overflow-x: auto; margin: 0.5em 0 1em;
  -webkit-overflow-scrolling: touch; }
.nianbao-report table { font-family: "仿宋_GB2312", "仿宋", "宋体", SimSun, serif; }
.nianbao-report table.wide { min-width: 760px; }
@media print {
  @page { size: A4; margin: 25mm 20mm; }
  .nianbao-report { max-width: none; padding: 0; font-size: 16pt; }
  .nianbao-report .table-box { overflow: visible; }
  .nianbao-report table, .nianbao-report table.wide { min-width: 0; width: 100%;
    font-size: 9pt; }
  .nianbao-report tr { page-break-inside: avoid; }
  .nianbao-report h2, .nianbao-report h3 { page-break-after: avoid; }
}
""".strip()


def page_text(report: Report, style: DocumentStyle = DocumentStyle(), errors: int = 0) -> str:
    """Return the web page of `report` as HTML text; `errors` > 0 marks it 草稿 at the
    top (a report not 定稿 that still has errors)."""
    blocks = outline(report, errors)
    title = next((b for b in blocks if isinstance(b, Title)), None)
    head_title = escape("".join(filter(None, (title.unit, title.title))) if title else "")
    body = "\n".join(filter(None, (_render(block) for block in blocks)))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="年报助手">\n'
        f"<title>{head_title}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
        f'<article class="nianbao-report">\n{body}\n</article>\n</body>\n</html>\n'
    )


def page_bytes(report: Report, style: DocumentStyle = DocumentStyle(), errors: int = 0) -> bytes:
    """Return the web page of `report` as UTF-8 bytes (what `formats` writes)."""
    return page_text(report, style, errors).encode("utf-8")


def _render(block) -> str:
    if isinstance(block, Title):
        lines = [escape(line) for line in (block.unit, block.title) if line]
        return f"<h1>{'<br>'.join(lines)}</h1>"
    if isinstance(block, Heading):
        level = 2 if block.level == 1 else 3
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, TableBlock):
        return _table(block)
    if isinstance(block, Signature):
        return (
            '<p class="signature" style="text-align:right;margin-top:1.5em">'
            f"{escape(block.unit)}</p>\n"
            f'<p class="signature" style="text-align:right">{escape(block.date_text)}</p>'
        )
    if isinstance(block, Draft):
        return (
            '<p class="draft" style="text-align:center;color:#c00;text-indent:0">'
            f"草稿（还有 {block.errors} 个错误）</p>"
        )
    return ""


def _table(block: TableBlock) -> str:
    """A section's tables as one HTML table in a box that scrolls sideways."""
    wide = ' class="wide"' if block.columns >= _WIDE_COLUMNS else ""
    rows = []
    for row in range(block.rows):
        cells = []
        for cell in block.starting(row):
            spans = ""
            if cell.rows > 1:
                spans += f' rowspan="{cell.rows}"'
            if cell.columns > 1:
                spans += f' colspan="{cell.columns}"'
            tag = "th" if cell.header else "td"
            style = _HEADER_CELL if cell.header else _CELL
            text = "<br>".join(escape(line) for line in cell.text.split("\n"))
            cells.append(f'<{tag}{spans} style="{style}">{text}</{tag}>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    # one format table: its header rows are a <thead>, which a browser repeats on each
    # printed page (several tables drawn as one, like 表二, have no one header)
    heads = block.parts[0].header_rows if len(block.parts) == 1 else 0
    head = f"<thead>\n{chr(10).join(rows[:heads])}\n</thead>\n" if heads else ""
    body = "\n".join(rows[heads:])
    return (
        '<div class="table-box">\n'
        f'<table{wide} border="1" cellspacing="0" cellpadding="2" style="{_TABLE}">\n'
        f"{head}<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )
