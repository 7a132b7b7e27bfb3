"""Signals other apps hook onto.

`standard_published(sender=Standard, standard, user)` is sent after the transaction that
published the standard commits (rewards for county-proposed standards attach here).
"""

from django.dispatch import Signal

standard_published = Signal()
