"""The error a user must fix, in a module that imports nothing: the command line catches
it before anything else is loaded."""


class UsageError(Exception):
    """Something the user must fix (bad option, bad config, missing path, unwritable file):
    exit 2 and one line that names it, no traceback."""
