"""Refusals a form shows beside a field, never as an exception dialog."""
from __future__ import annotations


class ValidationError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
