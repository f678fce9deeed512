"""Which files of the project make up one program: a module and everything of the
project it imports or calls into, transitively.

LS304 asks whether the program that forks also starts threads or runs an event
loop. A module's own imports say what runs alongside it; so do the modules
that *use* a forking helper (``main.py`` calling ``daemon.fork_worker()`` and
also running ``asyncio.run``). Edges come from module-level imports (the
file's ``exports``) and from calls that resolve to a function in another file
(which also covers imports inside functions).
"""

from __future__ import annotations

from collections import deque
from functools import cached_property
from typing import Iterable

from .project import Project


class Programs:
    def __init__(self, project: Project):
        self.project = project

    @cached_property
    def _imports(self) -> list[set[int]]:
        project = self.project
        edges: list[set[int]] = [set() for _ in project.files]
        for file_index, facts in enumerate(project.files):
            for name in facts.exports.values():
                target = self._module_file(name)
                if target is not None and target != file_index:
                    edges[file_index].add(target)
        for file_index, _call, callee in project.iter_calls():
            if callee is not None and callee.function is not None and callee.function.file != file_index:
                edges[file_index].add(callee.function.file)
        return edges

    def _module_file(self, name: str) -> int | None:
        """The file of the longest project module ``name`` starts with (a module,
        or a name defined in one)."""
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            found = self.project.modules.get(".".join(parts[:end]))
            if found is not None:
                return found
        return None

    def closure(self, sources: Iterable[int]) -> list[int]:
        """The files the sources import or call into, transitively, sources first,
        nearest first (breadth first)."""
        order: list[int] = []
        seen: set[int] = set()
        queue = deque(sources)
        while queue:
            current = queue.popleft()
            if current in seen:
                continue
            seen.add(current)
            order.append(current)
            queue.extend(sorted(self._imports[current] - seen))
        return order
