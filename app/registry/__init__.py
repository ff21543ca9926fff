"""The code registry: entries, loading and validation, the query engine, importers,
exporters and the user-registry store. Pure Python — nothing under this package imports Qt,
so the CLI (`statuscope search 4xx --json`) never loads it."""
