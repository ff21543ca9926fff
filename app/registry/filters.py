"""The category filters a search can be restricted by (class, category, lifecycle, source)."""

from __future__ import annotations

from dataclasses import dataclass

from app.registry.entry import StatusEntry


@dataclass(frozen=True, slots=True)
class Filters:
    """Category filters; an empty set means "no restriction" on that dimension."""

    classes: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    lifecycles: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.classes or self.categories or self.lifecycles or self.sources)

    def accepts(self, entry: StatusEntry) -> bool:
        return (
            (not self.classes or entry.status_class in self.classes)
            and (not self.categories or entry.category in self.categories)
            and (not self.lifecycles or entry.lifecycle in self.lifecycles)
            and (not self.sources or entry.source in self.sources)
        )

    def dimensions(self) -> list[tuple[str, frozenset[str]]]:
        """The restricted dimensions as (facet name, accepted values)."""
        pairs = [
            ("status_class", self.classes),
            ("category", self.categories),
            ("lifecycle", self.lifecycles),
            ("source", self.sources),
        ]
        return [(name, values) for name, values in pairs if values]
