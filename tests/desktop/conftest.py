"""Fixtures for the desktop tests: a store in a temporary folder and the real window."""

from __future__ import annotations

import pytest

from desktop import app, dialogs, fonts_dialog
from forms.format.registry import CURRENT
from forms.storage import store as store_module
from forms.storage.settings import Setting
from tests.conftest import complete

UNIT = "红旗区西街街道办事处"


@pytest.fixture
def store(tmp_path):
    """An empty store in tmp_path; Word documents go to tmp_path/文档."""
    opened = store_module.Store.open(tmp_path / "nianbao.db")
    opened.set_setting(Setting.EXPORT_DIR, str(tmp_path / "文档"))
    yield opened
    opened.close()


@pytest.fixture
def report_id(store) -> int:
    """A new, empty 2024 report of UNIT."""
    return store.create_report(UNIT, 2024, CURRENT)


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """Fail loudly if a test reaches a real modal dialog it did not expect."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args}")

    for name in (
        "confirm",
        "inform",
        "error",
        "ask_open_path",
        "ask_save_path",
        "ask_replace",
        "export_done",
        "export_despite_drafts",
        "leave_unsaved",
        "ask_new_report",
        "choose_deleted_report",
        "manage_backups",
        "offer_backup",
        "offer_report_backup",
        "fault",
        "ask_document_style",
        "ask_explanation",
        "offer_installed_fonts",
    ):
        monkeypatch.setattr(dialogs, name, unexpected)


@pytest.fixture(autouse=True)
def every_font_installed(monkeypatch):
    """This machine has no 公文 fonts: let the tests export as on one that has them
    (tests/desktop/test_missing_fonts.py takes them away again)."""
    monkeypatch.setattr(fonts_dialog, "font_installed", lambda name: True)


@pytest.fixture
def complete_id(store, report_id) -> int:
    """The 2024 report of UNIT holding the real seed report's numbers and texts: no
    errors, so it can be marked 定稿."""
    complete(store, report_id)
    return report_id


@pytest.fixture
def window(qtbot, store):
    """The real main window on the store, shown."""
    main = app.build_main_window(store)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def editor(window, report_id):
    """The main window with the 2024 report open in the wizard."""
    window.open_report(report_id)
    return window


@pytest.fixture
def complete_editor(window, complete_id):
    """The main window with the complete 2024 report (no errors) open in the wizard."""
    window.open_report(complete_id)
    return window
