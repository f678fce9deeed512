"""The rule registry. Each module of this package that does not start with an
underscore is one rule, named for what it finds, and defines ``RULE``.

``MODULES`` lists them by code. It is what a run reads to check the codes of a
selection, without importing a rule (the rules import the analysis and libcst: a warm
run must not pay for them). The rules themselves (``ALL_RULES``, ``FILE_RULES``,
``PROJECT_RULES``) are imported on first use, and that import checks the registry
against the modules: a rule module missing from it, or one whose ``RULE.code`` is not
the code it is listed under, stops the import with the module named.
"""

from __future__ import annotations

from .base import FileRule, ProjectRule, Rule

MODULES: dict[str, str] = {
    "LS001": "unreadable_file",
    "LS002": "unused_noqa",
    "LS101": "sleep_in_coroutine",
    "LS102": "blocking_network_call",
    "LS103": "blocking_subprocess_call",
    "LS104": "blocking_file_io",
    "LS105": "blocking_database_call",
    "LS106": "blocking_stdin_read",
    "LS107": "blocking_thread_wait",
    "LS108": "blocking_future_wait",
    "LS109": "configured_blocking_call",
    "LS201": "loop_api_from_thread",
    "LS202": "get_event_loop",
    "LS203": "nested_event_loop",
    "LS204": "unclosed_event_loop",
    "LS205": "thread_lock_across_await",
    "LS206": "asyncio_primitive_from_thread",
    "LS207": "coroutine_function_to_thread",
    "LS301": "missing_main_guard",
    "LS302": "unpicklable_process_callable",
    "LS303": "non_executor_in_run_in_executor",
    "LS304": "fork_with_threads",
}

_LOADED = ("ALL_RULES", "FILE_RULES", "PROJECT_RULES")


def _discover() -> tuple[Rule, ...]:
    import importlib
    import pkgutil

    listed = set(MODULES.values())
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_") and info.name != "base" and info.name not in listed:
            raise ImportError(f"{__name__}.{info.name} defines a rule but is not in {__name__}.MODULES")
    found = []
    for code, name in MODULES.items():
        rule = importlib.import_module(f"{__name__}.{name}").RULE
        if rule.code != code:
            raise ImportError(f"{__name__}.MODULES lists {name} as {code}, but its RULE is {rule.code}")
        found.append(rule)
    return tuple(sorted(found, key=lambda rule: rule.code))


def _load() -> tuple[Rule, ...]:
    if "ALL_RULES" not in globals():
        rules = _discover()
        globals().update(
            ALL_RULES=rules,
            FILE_RULES=tuple(r for r in rules if isinstance(r, FileRule)),
            PROJECT_RULES=tuple(r for r in rules if isinstance(r, ProjectRule)))
    return globals()["ALL_RULES"]


def __getattr__(name: str):
    """``ALL_RULES`` and its parts, imported once, on first use."""
    if name not in _LOADED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load()
    return globals()[name]


def get(code: str) -> Rule | None:
    code = code.upper()
    return next((rule for rule in _load() if rule.code == code), None)


def codes() -> tuple[str, ...]:
    """Every code, the tool's own LS001 included, without importing a rule."""
    return tuple(sorted(MODULES))
