"""Attribution: which frames are the user's, where a finding belongs, what the allow-list exempts."""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap
from pathlib import Path

import pytest

from loopsafe.plugin.detectors.frames import UserCode
from loopsafe.plugin.events import Location


def load(root: Path, relpath: str, module_name: str, source: str):
    """Import ``source`` from ``root/relpath`` under ``module_name`` (cleaned up by the caller)."""
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def modules(tmp_path):
    """A small project under tmp_path: app.service calls a helper that captures its stack."""
    names = ["attr_app_capture", "attr_app_service", "_pytest.attr_fake", "attr_vendor"]
    load(tmp_path, "app/capture.py", "attr_app_capture", """
        import sys

        def here():
            return sys._getframe(1)
        """)
    service = load(tmp_path, "app/service.py", "attr_app_service", """
        from attr_app_capture import here

        def fetch():
            return here()

        def through(tool):
            return tool(here)
        """)
    tool = load(tmp_path, "app/pytest_like.py", "_pytest.attr_fake", """
        def call(fn):
            return fn()
        """)
    vendor = load(tmp_path, ".venv/lib/site-packages/vendor.py", "attr_vendor", """
        import sys

        def frame():
            return sys._getframe()
        """)
    yield service, tool, vendor
    for name in names:
        sys.modules.pop(name, None)


def test_location_is_the_deepest_user_frame(tmp_path, modules):
    service, _, _ = modules
    user = UserCode(tmp_path)
    frame = service.fetch()  # the capture helper's caller: fetch, line 5
    attribution = user.attribute(frame)
    assert attribution.location == Location("app/service.py", 5, "fetch")
    assert attribution.stack == ["app/service.py:5 fetch"]


def test_files_outside_the_rootdir_and_in_site_packages_are_not_the_users(tmp_path, modules):
    service, _, vendor = modules
    assert UserCode(tmp_path / "elsewhere").attribute(service.fetch()) is None
    assert UserCode(tmp_path).attribute(vendor.frame()) is None


def test_tooling_called_by_the_user_holds_the_blame(tmp_path, modules):
    service, tool, _ = modules
    frame = service.through(tool.call)  # user -> a pytest module -> where the "block" is
    assert UserCode(tmp_path).location(frame) == Location("app/service.py", 8, "through")
    assert UserCode(tmp_path).attribute(frame) is None


def test_blocking_during_an_import_is_the_import_systems(tmp_path):
    (tmp_path / "captured_at_import.py").write_text("import sys\nFRAME = sys._getframe()\n")
    sys.path.insert(0, str(tmp_path))
    try:
        import captured_at_import
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("captured_at_import", None)
    user = UserCode(tmp_path)
    assert user.is_user(captured_at_import.FRAME)
    assert user.attribute(captured_at_import.FRAME) is None


@pytest.mark.parametrize("allow, call, exempt", [
    (["time.sleep"], "time.sleep", True),
    (["time"], "time.sleep", True),
    (["time.sl"], "time.sleep", False),  # a prefix must end at a dot
    (["attr_app_service"], "time.sleep", True),  # a module on the stack
    (["attr_app_service.fetch"], "time.sleep", True),  # a function on the stack
    (["attr_app_service.through"], "time.sleep", False),
    (["attr_app"], "time.sleep", False),
    ([], "time.sleep", False),
])
def test_allow_list(tmp_path, modules, allow, call, exempt):
    service, _, _ = modules
    frame = service.fetch()
    assert UserCode(tmp_path, allow).allowed(call, frame) is exempt
    assert (UserCode(tmp_path, allow).attribute(frame, call) is None) is exempt


@pytest.mark.parametrize("module, is_user", [
    ("app.io", True),
    ("loopsafe.plugin.fixtures.thread_loop", False),  # the tool itself, checked out in the project
    ("pytest_asyncio.plugin", False),
    ("anyio._backends._asyncio", False),
    ("concurrent.futures.thread", False),
])
def test_tool_and_framework_modules_are_never_the_users_even_under_the_rootdir(
        tmp_path, module, is_user):
    namespace = {"__name__": module}
    exec(compile("import sys\nFRAME = sys._getframe()\n", str(tmp_path / "mod.py"), "exec"),
         namespace)
    assert UserCode(tmp_path).is_user(namespace["FRAME"]) is is_user


# -- which test a stall is charged to ------------------------------------------------

STRAGGLERS = """
    import asyncio
    import threading
    import time

    import pytest


    @pytest.fixture(scope="session")
    def loop_thread():
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        yield loop
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


    async def sleepy(seconds):
        await asyncio.sleep(0.01)
        time.sleep(seconds)  # line 21


    async def busy(seconds):
        await asyncio.sleep(0.01)
        end = time.perf_counter() + seconds
        while time.perf_counter() < end: pass  # line 27


    def test_a_sends_to_the_session_loop(loop_thread):
        asyncio.run_coroutine_threadsafe(sleepy(0.3), loop_thread)


    def test_b_after_the_send(loop_thread):
        pass


    def test_c_starts_a_thread_with_its_own_loop():
        threading.Thread(target=asyncio.run, args=(sleepy(0.3),)).start()


    def test_d_after_the_thread():
        pass


    def test_e_leaves_a_cpu_stall(loop_thread):
        asyncio.run_coroutine_threadsafe(busy(0.3), loop_thread)


    def test_f_after_the_cpu_stall(loop_thread):
        pass


    def test_g_leaves_a_sleep_longer_than_the_wait(loop_thread):
        asyncio.run_coroutine_threadsafe(sleepy(2.0), loop_thread)


    def test_h_while_that_sleep_ends(loop_thread):
        time.sleep(1.5)
"""


def test_a_stall_is_charged_to_the_test_it_began_in(pytester):
    """Stalls a test leaves going on (a session-scoped loop thread, a thread's own
    ``asyncio.run``) fail that test, never the next one."""
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_stragglers=STRAGGLERS)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:randomly", "--loopsafe-blocking=fail",
        "--loopsafe-leaks=off", "--loopsafe-report=report.json")
    # Found once the test is over (its teardown waits for them): errors of its teardown.
    result.assert_outcomes(passed=8, errors=4)
    assert sorted(line.split()[1].split("::")[-1] for line in result.outlines
                  if line.startswith("ERROR ")) == [
        "test_a_sends_to_the_session_loop", "test_c_starts_a_thread_with_its_own_loop",
        "test_e_leaves_a_cpu_stall", "test_g_leaves_a_sleep_longer_than_the_wait"]
    events = json.loads((pytester.path / "report.json").read_text())["events"]
    found = {(e["test"].split("::")[-1], e["kind"], e.get("call"), e["location"]["line"])
             for e in events}
    assert found == {
        ("test_a_sends_to_the_session_loop", "blocking-call", "time.sleep", 21),
        ("test_c_starts_a_thread_with_its_own_loop", "blocking-call", "time.sleep", 21),
        ("test_e_leaves_a_cpu_stall", "loop-lag", None, 27),
        ("test_g_leaves_a_sleep_longer_than_the_wait", "blocking-call", "time.sleep", 21),
    }
    still = [e for e in events if e["test"].endswith("test_g_leaves_a_sleep_longer_than_the_wait")]
    assert "still runs at the end of the test" in still[0]["message"]
