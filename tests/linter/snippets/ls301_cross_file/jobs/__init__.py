from .pool import run_batch

__all__ = ["run_batch"]
