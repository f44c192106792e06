"""Wagtail's other name for update_index: the same command as ours."""

from .update_index import Command  # noqa: F401
