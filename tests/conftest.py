"""Settings for the whole test suite."""

from hypothesis import settings

# A deadline is a timing assertion: on a loaded two-core CI machine an example may take
# seconds without anything being wrong. Tests assert behaviour; speed lives in bench/.
settings.register_profile("loopsafe", deadline=None)
settings.load_profile("loopsafe")
