"""The report engine: values, totals, relations, typed input, texts, checks and carry-over.
Imports only forms.format."""
