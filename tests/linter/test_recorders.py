"""The per-file facts a project rule reads are declared fields that the file pass records
on every file, whatever rules run: no rule depends on another rule's per-file part."""

from __future__ import annotations

import textwrap

from loopsafe.linter.pipeline import file_facts

SOURCE = textwrap.dedent('''
    import asyncio, os, threading

    def worker(loop, queue): ...

    def start(loop, q):
        threading.Thread(target=worker, args=(loop, q), kwargs={"queue": q}).start()

    def probe():
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            return None

    async def crunch(pool, fn):
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(pool, fn)

    lock = threading.Lock()

    async def hold():
        with lock:
            await asyncio.sleep(1)

    for i in range(3):
        os.fork()
''')


def _facts(source: str, monkeypatch):
    monkeypatch.setattr("loopsafe.linter.pipeline.FILE_RULES", ())
    facts, _ = file_facts("m.py", "m", source.encode(), None)
    assert facts.error is None
    return facts


def test_facts_are_recorded_with_no_rule_at_all(monkeypatch) -> None:
    facts = _facts(SOURCE, monkeypatch)
    assert [(len(p.elements), p.keywords[0][0]) for p in facts.packed_args] == [(2, "queue")]
    assert len(facts.loop_probes) == 1
    assert [p.name for p in facts.executor_params] == ["pool"]
    assert [(h.type, h.text, h.coroutine, h.how) for h in facts.held_locks] == [
        ("threading.Lock", "lock", "hold", "with")]
    assert len(facts.loop_ranges) == 1


def test_loop_ranges_are_kept_only_in_files_that_fork(monkeypatch) -> None:
    facts = _facts("for i in range(3):\n    print(i)\n", monkeypatch)
    assert facts.loop_ranges == []
