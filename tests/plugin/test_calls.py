"""At-the-call interception, on a fake module so that nothing real is slowed down.

``blocking_mod`` plays a blocking library: its functions sleep briefly or raise.
Each test installs an interceptor of its own for the catalogue-like entries below
and removes it again."""

from __future__ import annotations

import asyncio
import inspect
import sys
import time
import types

import pytest

from loopsafe.linter.catalogue import BlockingAPI, Kind
from loopsafe.plugin.detectors.calls import _UNPATCHABLE, CallInterceptor, _resolve

MOD = "loopsafe_test_blocking_mod"

# Blocking the loop is the point here; the session's own detector need not say so.
pytestmark = pytest.mark.loopsafe(allow_blocking=True)


def _fake_module() -> types.ModuleType:
    module = types.ModuleType(MOD)

    def block(seconds, *, label="x"):
        """Sleeps like a blocking client would."""
        time.sleep(seconds)
        return label

    def fail(exc):
        raise exc

    def outer(seconds):
        return module.block(seconds)

    class Client:
        def get(self, seconds):
            time.sleep(seconds)
            return self

        @staticmethod
        def ping(seconds):
            time.sleep(seconds)
            return "pong"

        @classmethod
        def connect(cls, seconds):
            time.sleep(seconds)
            return cls

    module.block, module.fail, module.outer, module.Client = block, fail, outer, Client
    module.stream = object()  # an instance: its methods cannot be patched for good
    return module


APIS = [BlockingAPI(f"{MOD}.{name}", Kind.NETWORK, "an async client") for name in
        ("block", "fail", "outer", "Client.get", "Client.ping", "Client.connect",
         "Client", "stream.read", "missing")]


@pytest.fixture
def mod():
    module = sys.modules[MOD] = _fake_module()
    yield module
    del sys.modules[MOD]


@pytest.fixture
def seen(mod):
    """The calls the interceptor reported: (name, held, line of the caller)."""
    reported = []
    interceptor = CallInterceptor(
        lambda api, loop, started, held, frame: reported.append((api.name.split(".", 1)[1], held,
                                                                 frame.f_lineno)),
        APIS)
    interceptor.install()
    interceptor.threshold = 0.05
    interceptor.enabled = True
    yield reported
    interceptor.uninstall()


def run(coro_fn):
    return asyncio.run(coro_fn())


def test_only_patchable_targets_are_wrapped(mod, seen):
    assert hasattr(mod.block, "__wrapped__") and hasattr(mod.Client.get, "__wrapped__")
    assert not hasattr(mod.Client, "__wrapped__")  # a class stays a class
    assert _resolve(f"{MOD}.stream.read") is _UNPATCHABLE
    assert _resolve(f"{MOD}.Client") is _UNPATCHABLE
    assert _resolve(f"{MOD}.missing") is None
    assert _resolve("no_such_module_anywhere.call") is None


def test_wrappers_keep_signature_kind_and_name(mod, seen):
    assert str(inspect.signature(mod.block)) == "(seconds, *, label='x')"
    assert mod.block.__name__ == "block" and "blocking client" in mod.block.__doc__
    assert isinstance(vars(mod.Client)["ping"], staticmethod)
    assert isinstance(vars(mod.Client)["connect"], classmethod)
    assert mod.Client.connect(0) is mod.Client and mod.Client.ping(0) == "pong"


def test_a_call_that_holds_the_loop_is_reported_at_the_callers_line(mod, seen):
    async def main():
        mod.block(0.1, label="y")
        mod.Client().get(0.1)
        mod.Client.ping(0.1)
        mod.Client.connect(0.1)

    run(main)
    first = main.__code__.co_firstlineno
    assert [(name, line) for name, _, line in seen] == [
        ("block", first + 1), ("Client.get", first + 2), ("Client.ping", first + 3),
        ("Client.connect", first + 4)]
    assert all(held >= 0.1 for _, held, _ in seen)


def test_short_calls_and_calls_off_the_loop_are_not_reported(mod, seen):
    async def main():
        mod.block(0.001)
        await asyncio.to_thread(mod.block, 0.1)
        await asyncio.get_running_loop().run_in_executor(None, mod.block, 0.1)

    run(main)
    mod.block(0.1)  # no loop on this thread now
    assert seen == []


def test_nested_intercepted_calls_are_reported_once(mod, seen):
    async def main():
        mod.outer(0.1)

    run(main)
    assert [name for name, _, _ in seen] == ["outer"]


def test_the_calls_own_error_passes_through_untouched(mod, seen):
    error = ConnectionResetError(104, "peer reset")

    async def main():
        with pytest.raises(ConnectionResetError) as info:
            mod.fail(error)
        return info.value

    assert run(main) is error


def test_a_failing_sink_never_replaces_the_result(mod, capsys):
    def broken_sink(*args):
        raise RuntimeError("sink bug")

    interceptor = CallInterceptor(broken_sink, APIS)
    interceptor.install()
    interceptor.threshold, interceptor.enabled = 0.0, True
    try:
        async def main():
            return mod.block(0, label="kept")

        assert run(main) == "kept"
    finally:
        interceptor.uninstall()
    assert "sink bug" in capsys.readouterr().err


def test_modules_imported_later_are_patched_on_refresh():
    interceptor_apis = [BlockingAPI(f"{MOD}.block", Kind.SLEEP, "x")]
    interceptor = CallInterceptor(lambda *a: None, interceptor_apis)
    interceptor.install()  # the module does not exist yet: nothing to patch, nothing fails
    try:
        module = sys.modules[MOD] = _fake_module()
        assert not hasattr(module.block, "__wrapped__")
        interceptor.refresh()
        assert hasattr(module.block, "__wrapped__")
    finally:
        interceptor.uninstall()
        sys.modules.pop(MOD, None)
    assert not hasattr(module.block, "__wrapped__")


def test_uninstall_restores_inherited_and_own_attributes(mod):
    own, inherited = vars(mod.Client)["get"], "__init__" in vars(mod.Client)
    interceptor = CallInterceptor(lambda *a: None, APIS)
    interceptor.install()
    interceptor.uninstall()
    assert vars(mod.Client)["get"] is own and ("__init__" in vars(mod.Client)) == inherited
    assert not hasattr(mod.block, "__wrapped__")
