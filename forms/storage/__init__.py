"""The local SQLite data file, its backups and settings. Imports forms.report and forms.format,
never forms.files."""
