"""powerlist-lint: the compliance consistency linter for 权责清单 (power and responsibility lists)."""

__version__ = "0.1.0"
