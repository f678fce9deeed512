"""Names and values that the command line needs before it decides whether anything must be
loaded: the warm run answers from a record with these alone, so this module imports nothing.
"""

# How sure a finding is, most sure first (analysis/reach.py says when each applies).
CONFIDENCES = ("certain", "likely", "possible")
DEFAULT_MIN_CONFIDENCE = "likely"

# The report formats; each is the module of ``reporters`` that renders it.
FORMAT_NAMES = ("text", "json", "sarif", "github")

# The configuration files looked for in each folder, in this order (ruff's: `.ruff.toml`,
# `ruff.toml`, then `pyproject.toml` only if it has the tool's table).
STANDALONE = (".loopsafe.toml", "loopsafe.toml")
PYPROJECT = "pyproject.toml"

# The cache's folder under the project root, unless ``cache-dir`` says otherwise.
CACHE_DIR = ".loopsafe_cache"

# How the text report prints the run's duration, in seconds (the warm run fills it in too).
ELAPSED = "{:.2f}"
