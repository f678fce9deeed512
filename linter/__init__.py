"""loopsafe's linter: finds blocking calls on the event loop, loop misuse across
threads, and unsafe multiprocessing.

Importing this package must stay cheap: the pytest plugin imports
``loopsafe.linter.catalogue`` at start-up, so nothing here imports libcst.
"""

__version__ = "0.1.0"
