"""A list's view for the cross-list and catalogue rules, and their findings, made by lint/analysis/crosslist.py.

The rule modules name this function as their digest instead of importing the analysis: a run of one list
without a catalogue makes no view, and importing lint/analysis/crosslist.py and catalogue.py took 3.5 ms
of every such run (`python -X importtime`, their own time)."""

from __future__ import annotations


def view(plist):
    """`lint.analysis.crosslist.view(plist)`."""
    from .crosslist import view as make

    return make(plist)


def finding(*args, **kwargs):
    """`lint.analysis.crosslist.finding(…)`: a cross-list or catalogue finding placed in one list."""
    from .crosslist import finding as make

    return make(*args, **kwargs)
