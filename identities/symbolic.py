"""``sp``: sympy, imported when a symbolic form is first called.

Records give f in sympy for the cross-check only; importing sympy costs about half a second, which
every load of the catalogue (each command, each site build) would otherwise pay. Use it in records
as ``from identities.symbolic import sp`` and write ``sp.Trace(X * A)`` as usual.
"""
from __future__ import annotations


class _Sympy:
    def __getattr__(self, name):
        import sympy

        return getattr(sympy, name)

    def __repr__(self):
        return "<sympy, imported on first use>"


sp = _Sympy()
