"""PyInstaller hook for docutils, used instead of the contrib one (``hookspath`` wins).

The importers only parse reStructuredText (app/registry/importers/rst_docutils.py builds a
doctree with ``Parser`` + ``new_document``). The parser loads its directive and language
modules by name, so those are collected; the writers and their templates and stylesheets,
which the contrib hook collects, are not. No data files: file insertion is off, so the
``.. include:: <isonum.txt>`` substitution sets are never read.
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = (
    collect_submodules("docutils.languages")
    + collect_submodules("docutils.parsers.rst.languages")
    + collect_submodules("docutils.parsers.rst.directives")
)
