"""The program's settings kept in the data file, by name (a misspelt key fails at import)."""

from enum import StrEnum


class Setting(StrEnum):
    """The key of each stored setting; the value is what the settings table holds."""

    LAST_REPORT = "last_report"  # id of the report worked on last; opened at start
    UNIT = "unit"  # the unit last chosen in 新建报告
    EXPORT_DIR = "export_dir"  # the folder of the last 导出Word
    DOCUMENT_STYLE = "document_style"  # the fonts chosen in 文档字体 (DocumentStyle.as_setting)
    FONTS_TOLD = "fonts_told"  # {"computer": name, "missing": [fonts]} the clerk was told of
    FONT_SIZE = "font_size"  # the window's zoom, in points
    WINDOW_GEOMETRY = "window_geometry"  # the main window's place and size (Qt bytes, base64)
    SPLITTERS = "splitters"  # each splitter's sizes, by its object name
    LAST_PAGE = "last_page"  # the page each report was left on: {report id: page key}
    EXPORTED = "exported"  # the Word documents written, by path (forms.files.exported)
    ACKNOWLEDGED_BY = "acknowledged_by"  # the name last signed under a 说明 of a warning
