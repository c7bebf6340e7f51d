"""The official formats this program knows, by form id."""

from forms.format.annual_report_2021 import ANNUAL_REPORT_2021
from forms.format.spec import Form

FORMS: dict[str, Form] = {ANNUAL_REPORT_2021.id: ANNUAL_REPORT_2021}
CURRENT: Form = ANNUAL_REPORT_2021  # the format new reports are filled under


def form_by_id(form_id: str) -> Form:
    """Return the format with id `form_id`; KeyError when the program does not know it."""
    return FORMS[form_id]
