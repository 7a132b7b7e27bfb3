"""Tasks that only the fault tests' worker loads (celery worker --include=...)."""

import time
from pathlib import Path

from celery import shared_task


@shared_task(name="tests.fault_sleep")
def fault_sleep(seconds: float, marker: str) -> None:
    """Sleep, then leave a file behind: stands in for a long webhook POST or render."""
    Path(marker).with_suffix(".started").write_text("started")
    time.sleep(seconds)
    with Path(marker).open("a") as file:
        file.write("done\n")
