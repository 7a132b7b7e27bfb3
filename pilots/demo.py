"""Demo data of the pilots app: the real pilot-county and provincial task tables."""

from .loading import load_pilot_data


def load() -> None:
    load_pilot_data()
