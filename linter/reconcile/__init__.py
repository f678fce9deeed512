"""``loopsafe reconcile``: the pytest plugin's runtime report checked against the linter.

The plugin sees what really blocked the loop in the tests; the linter sees what
could. Each runtime event is classified (``classify``): confirmed by a finding,
missed (with why, and the ``blocking-calls`` entry that makes the linter flag it),
suppressed by the project's own ``noqa``, allow-lists or baseline, or lag and leaks
that no rule covers. ``render`` writes the result for people, programs, code
scanning and pull requests; ``tomledit`` adds the entries to the configuration.
"""
