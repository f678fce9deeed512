"""Re-exports its modules' names by star imports."""
from .fetchers import *  # noqa: F401,F403
from .storage import *  # noqa: F401,F403
