"""The plugin's ini keys in every place pytest reads them: pytest 9's native
``[tool.pytest]`` table takes typed values (a number, arrays), the legacy
``[tool.pytest.ini_options]`` table and INI files take text."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

TEST = """
def test_settings(request):
    from loopsafe.plugin.options import session_options
    options = session_options(request.config)
    print("SETTINGS", options.defaults.threshold, options.defaults.start_methods, options.allow)
"""
NATIVE = pytest.mark.skipif(pytest.version_tuple < (9, 2), reason="pytest 9.2 types ini keys")


def settings(pytester: pytest.Pytester) -> str:
    pytester.makepyfile(test_settings=TEST)
    result = pytester.runpytest_subprocess("-s", "-p", "no:randomly")
    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    line = next(line for line in result.stdout.lines if "SETTINGS" in line)
    return line[line.index("SETTINGS"):]


@NATIVE
def test_native_table_takes_a_number_and_arrays(pytester):
    pytester.makepyprojecttoml(
        "[tool.pytest]\nloopsafe_threshold = 0.25\n"
        'loopsafe_start_methods = ["spawn", "forkserver"]\nloopsafe_allow = ["vendor.lib", "x"]\n')
    assert settings(pytester) == "SETTINGS 0.25 ('spawn', 'forkserver') ('vendor.lib', 'x')"


@NATIVE
def test_native_table_takes_the_threshold_as_text_too(pytester):
    pytester.makepyprojecttoml('[tool.pytest]\nloopsafe_threshold = "0.5"\n')
    assert settings(pytester).startswith("SETTINGS 0.5 ")


def test_ini_file_text(pytester):
    pytester.makeini("[pytest]\nloopsafe_threshold = 0.3\n"
                     "loopsafe_start_methods = spawn,forkserver\nloopsafe_allow = a.b c\n")
    assert settings(pytester) == "SETTINGS 0.3 ('spawn', 'forkserver') ('a.b', 'c')"


def test_legacy_table(pytester):
    pytester.makepyprojecttoml("[tool.pytest.ini_options]\nloopsafe_threshold = 0.2\n"
                               'loopsafe_start_methods = ["spawn"]\n')
    assert settings(pytester) == "SETTINGS 0.2 ('spawn',) ()"


def test_a_bad_threshold_in_an_ini_file_is_named(pytester):
    pytester.makeini("[pytest]\nloopsafe_threshold = soon\n")
    pytester.makepyfile(test_settings=TEST)
    result = pytester.runpytest_subprocess()
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*loopsafe: ini key loopsafe_threshold: 'soon' is not a positive*"])
