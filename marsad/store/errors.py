"""The one error the store raises for problems a user can fix."""
from __future__ import annotations


class StoreError(Exception):
    """A database that cannot be used (missing, corrupt, not marsad's, too
    new). Its message is one line naming the file, meant for the user."""
