"""Rule families: one module per family. Add a rule by adding a `@register`ed `Rule` subclass here."""
