"""Where supervision's private files go: a random name, only the extension kept."""

import uuid
from pathlib import PurePath


def _path(folder: str, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"supervision/{folder}/{uuid.uuid4().hex}{suffix}"


def check_evidence_path(instance, filename: str) -> str:
    return _path("checks", filename)


def surveillance_file_path(instance, filename: str) -> str:
    return _path("surveillance", filename)


def case_evidence_path(instance, filename: str) -> str:
    return _path("cases", filename)


def citation_file_path(instance, filename: str) -> str:
    return _path("citations", filename)
