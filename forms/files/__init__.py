"""Files in and out: the interchange JSON and the Word document. Imports forms.report and
forms.format, never forms.storage."""
