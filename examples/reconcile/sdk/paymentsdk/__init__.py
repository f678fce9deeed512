"""A stand-in for a third-party payments SDK, installed outside the project (as in
site-packages): synchronous, so each call holds whatever thread makes it."""

from .client import PaymentClient

__all__ = ["PaymentClient"]
