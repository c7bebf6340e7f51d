"""The official formats as data: the vocabulary (spec), each revision, the cells of a form and
their header grid. Imports nothing of the project."""
