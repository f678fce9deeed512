"""What a rule is. Its module's docstring is its user documentation: the
``loopsafe rule CODE`` text and the docs/rules page both come from it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, ClassVar, Iterable

if TYPE_CHECKING:
    from ..analysis.facts import RawFinding
    from ..analysis.file_pass import FilePass
    from ..analysis.project import Project


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]  # one line, for `loopsafe rules`
    fixable: ClassVar[bool] = False

    @property
    def doc(self) -> str:
        return (sys.modules[type(self).__module__].__doc__ or "").strip()

    def __repr__(self) -> str:
        return f"<rule {self.code} {self.name}>"


class FileRule(Rule):
    """A rule that needs the syntax of one file: it rides on the per-file walk.

    ``visit(ctx, node)`` is called for each ``ast`` node of ``node_types`` when the
    walk enters it (``traversal.Block`` for a block of statements), ``leave(ctx, node)``
    (optional) after its children, for node types the walk leaves (functions, classes,
    lambdas, calls). ``ctx`` is the
    ``FilePass``: scopes, ``qualify``, ``type_of``, ``callee``, ``report``,
    ``record``. ``leave_file(ctx)`` runs once at the end.
    """

    node_types: ClassVar[tuple[type, ...]] = ()

    def visit(self, ctx: "FilePass", node) -> None:
        pass

    def leave_file(self, ctx: "FilePass") -> None:
        pass


class ProjectRule(Rule):
    """A rule that needs the whole project: calls resolved across files."""

    def check(self, project: "Project") -> Iterable[tuple[int, "RawFinding"]]:
        """``(file index, finding)`` pairs."""
        raise NotImplementedError
