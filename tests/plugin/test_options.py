"""Options, ini keys and the marker: good values take effect, bad ones are named, never a traceback."""

from __future__ import annotations

import pytest

from .conftest import INNER_INI, QUIET

pytestmark = pytest.mark.loopsafe(leaks="off", allow_blocking=True)

LEAKY = """
import threading

def test_leaks_a_thread():
    threading.Thread(target=threading.Event().wait, args=(1.5,)).start()
"""


@pytest.mark.parametrize("args, named", [
    (("--loopsafe-blocking=loud",), "--loopsafe-blocking: 'loud' is not one of off, warn, fail"),
    (("--loopsafe-leaks=yes",), "--loopsafe-leaks: 'yes' is not one of off, warn, fail"),
    (("--loopsafe-threshold=soon",), "--loopsafe-threshold: 'soon' is not a positive number"),
    (("--loopsafe-threshold=-1",), "--loopsafe-threshold: '-1' is not a positive number"),
    (("--loopsafe-start-methods=spawn,clone",), "--loopsafe-start-methods: unknown start method 'clone'"),
])
def test_a_bad_option_value_is_a_usage_error_naming_it(inner, args, named):
    result = inner("def test_nothing(): pass", *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*loopsafe: {named}*"])
    assert "Traceback" not in result.stderr.str()


def test_a_bad_ini_value_is_a_usage_error_naming_the_key(inner, pytester):
    pytester.makeini(INNER_INI + "loopsafe_leaks = sometimes\n")
    pytester.makepyfile(test_inner="def test_nothing(): pass")
    result = pytester.runpytest(*QUIET)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini key loopsafe_leaks: 'sometimes' is not one of off, warn, fail*"])


def test_the_option_overrides_the_ini_key(inner, pytester):
    pytester.makeini(INNER_INI + "loopsafe_leaks = fail\n")
    pytester.makepyfile(test_inner=LEAKY)
    pytester.runpytest(*QUIET).assert_outcomes(passed=1, errors=1)
    pytester.runpytest(*QUIET, "--loopsafe-leaks=warn").assert_outcomes(passed=1)


@pytest.mark.parametrize("mode, outcome", [("off", {"passed": 1}), ("warn", {"passed": 1}),
                                           ("fail", {"passed": 1, "errors": 1})])
def test_leaks_mode_decides_the_outcome(inner, mode, outcome):
    result = inner(LEAKY, f"--loopsafe-leaks={mode}")
    result.assert_outcomes(**outcome)
    if mode == "off":
        assert "leaked-thread" not in result.stdout.str()
    else:
        result.stdout.fnmatch_lines(["*loopsafe: 1 event(s) in 1 test(s)*",
                                     "*test_leaks_a_thread*leaked-thread*test_inner.py:4*"])


def test_the_marker_overrides_the_option_per_test(inner):
    result = inner("""
        import threading
        import time
        import pytest

        def leak():
            threading.Thread(target=threading.Event().wait, args=(1.5,)).start()

        @pytest.mark.loopsafe(leaks="off")
        def test_exempt():
            leak()

        def test_checked():
            leak()

        @pytest.mark.loopsafe(leaks="off")
        class TestClass:
            @pytest.mark.loopsafe(leaks="fail")
            def test_closest_marker_wins(self):
                leak()

        @pytest.mark.loopsafe(allow_blocking=True)
        class TestBlocking:
            async def test_allowed(self):
                time.sleep(0.3)

            @pytest.mark.loopsafe(allow_blocking=False)
            async def test_not_allowed_after_all(self):
                time.sleep(0.3)
        """, "--loopsafe-leaks=fail", "--loopsafe-blocking=fail", "--asyncio-mode=auto")
    result.assert_outcomes(passed=4, failed=1, errors=2)
    result.stdout.fnmatch_lines(["FAILED *test_not_allowed_after_all - loopsafe: [[]blocking-call[]]*",
                                 "ERROR *test_checked*", "ERROR *test_closest_marker_wins*"])


@pytest.mark.parametrize("marker, named", [
    ("loopsafe(leak='off')", "unknown @pytest.mark.loopsafe keyword 'leak'"),
    ("loopsafe(leaks='loud')", "@pytest.mark.loopsafe(leaks=...): 'loud' is not one of off, warn, fail"),
    ("loopsafe(threshold=0)", "@pytest.mark.loopsafe(threshold=...): 0 is not a positive number"),
    ("loopsafe(allow_blocking='yes')", "@pytest.mark.loopsafe(allow_blocking=...): 'yes' is not True"),
    ("loopsafe(start_methods=['vfork'])", "@pytest.mark.loopsafe(start_methods=...): unknown start method 'vfork'"),
    ("loopsafe('fail')", "@pytest.mark.loopsafe takes keyword arguments only"),
])
def test_a_bad_marker_errors_that_test_only(inner, marker, named):
    result = inner(f"""
        import pytest

        @pytest.mark.{marker}
        def test_bad_marker():
            pass

        def test_fine():
            pass
        """)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([f"*test_bad_marker: {named}*"])
    assert "Traceback" not in result.stdout.str()


def test_the_marker_is_registered(inner):
    result = inner("def test_nothing(): pass", "--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.loopsafe(allow_blocking=False, threshold=None,*"])
    inner("import pytest\n@pytest.mark.loopsafe(leaks='off')\ndef test_x(): pass",
          "--strict-markers").assert_outcomes(passed=1)


def test_options_are_listed_in_help(inner):
    result = inner("def test_nothing(): pass", "--help")
    result.stdout.fnmatch_lines(["*loopsafe:*", "*--loopsafe-blocking=*", "*--loopsafe-threshold=*",
                                 "*--loopsafe-leaks=*", "*--loopsafe-start-methods=*",
                                 "*--loopsafe-report=*", "*--loopsafe-allow=*"])


BLOCKS = """
import time

async def test_holds_the_loop():
    time.sleep(0.3)
"""


@pytest.mark.parametrize("args, outcome", [
    ((), {"failed": 1}),
    (("--loopsafe-threshold=1.0",), {"passed": 1}),
    (("--loopsafe-allow=test_inner",), {"passed": 1}),
    (("--loopsafe-blocking=warn",), {"passed": 1}),
])
def test_blocking_settings_from_the_ini_file_and_the_command_line(inner, pytester, args, outcome):
    pytester.makeini(INNER_INI + "asyncio_mode = auto\nloopsafe_blocking = fail\n")
    pytester.makepyfile(test_inner=BLOCKS)
    result = pytester.runpytest(*QUIET, *args)
    result.assert_outcomes(**outcome)
    if outcome == {"failed": 1}:
        result.stdout.fnmatch_lines(["FAILED test_inner.py::test_holds_the_loop - loopsafe: "
                                     "[[]blocking-call[]] time.sleep held the event loop for 0.3*"])
