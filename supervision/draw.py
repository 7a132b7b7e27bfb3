"""The 双随机 draw as a pure function: anyone can re-run it from the pool and the seed.

Algorithm (version ``jxge-draw-v1``):

1. The pool is canonical: enterprises sorted by credit code, inspectors by id, each
   inspector's conflicts (the credit codes they may not inspect) sorted. Its SHA-256
   (`pool_hash`) is taken over the UTF-8 JSON with sorted keys and no spaces
   (`canonical_json`).
2. The seed is 32 random bytes, published first as SHA-256(seed) and revealed at the draw.
3. A stream of 64-bit words: block i = HMAC-SHA256(key=seed, msg=b"jxge-draw-v1:" + i as
   8 bytes big-endian), i = 0, 1, ...; each block gives four words (big-endian, in order).
4. `uniform_below(n)`: take words until one is below the largest multiple of n that fits
   in 2**64 (rejection sampling, so no value is favoured), return it modulo n.
5. Enterprises: a partial Fisher–Yates shuffle of the sorted list — for position i in
   0..k-1, swap item i with item i + uniform_below(len - i); the first k are drawn, in order.
6. Inspectors: for each drawn enterprise in draw order, the same partial shuffle (on the
   same stream, continuing) of the inspectors without a conflict with it, sorted by id;
   the first m are its inspectors.
"""

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

ALGORITHM = "jxge-draw-v1"
_LABEL = ALGORITHM.encode() + b":"
_WORD = 2**64


class DrawError(ValueError):
    """The draw cannot be made from this pool (too few enterprises or inspectors)."""


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode()
    return hashlib.sha256(data).hexdigest()


def seed_hash(seed_hex: str) -> str:
    """The published commitment to a seed: SHA-256 of its 32 bytes, in hex."""
    return sha256_hex(bytes.fromhex(seed_hex))


def canonical_pool(enterprises: Sequence[dict], inspectors: Sequence[dict]) -> dict:
    """The pool in canonical order.

    enterprises: {"credit_code", "name", "certificates": [numbers]};
    inspectors: {"id", "conflicts": [credit codes]}.
    """
    return {
        "algorithm": ALGORITHM,
        "enterprises": sorted(
            (
                {
                    "credit_code": e["credit_code"],
                    "name": e["name"],
                    "certificates": sorted(e["certificates"]),
                }
                for e in enterprises
            ),
            key=lambda e: e["credit_code"],
        ),
        "inspectors": sorted(
            ({"id": int(i["id"]), "conflicts": sorted(set(i["conflicts"]))} for i in inspectors),
            key=lambda i: i["id"],
        ),
    }


def pool_hash(pool: dict) -> str:
    return sha256_hex(canonical_json(pool))


class RandomStream:
    """HMAC-SHA256(seed, label + counter) as a stream of unbiased integers."""

    def __init__(self, seed_hex: str):
        self._key = bytes.fromhex(seed_hex)
        self._counter = 0
        self._words: list[int] = []

    def _next_word(self) -> int:
        if not self._words:
            block = hmac.new(
                self._key, _LABEL + self._counter.to_bytes(8, "big"), hashlib.sha256
            ).digest()
            self._counter += 1
            self._words = [int.from_bytes(block[i : i + 8], "big") for i in range(0, 32, 8)]
        return self._words.pop(0)

    def uniform_below(self, n: int) -> int:
        if n <= 0:
            raise ValueError("n must be positive")
        limit = _WORD - (_WORD % n)
        while True:
            word = self._next_word()
            if word < limit:
                return word % n


def sample(items: Sequence, k: int, stream: RandomStream) -> list:
    """The first k items of a Fisher–Yates shuffle driven by `stream`."""
    if k > len(items):
        raise DrawError(f"cannot draw {k} of {len(items)}")
    items = list(items)
    for i in range(k):
        j = i + stream.uniform_below(len(items) - i)
        items[i], items[j] = items[j], items[i]
    return items[:k]


@dataclass(frozen=True)
class Assignment:
    credit_code: str
    inspector_ids: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"credit_code": self.credit_code, "inspectors": list(self.inspector_ids)}


def check_feasible(pool: dict, enterprise_count: int, inspectors_per_check: int) -> None:
    """Raise DrawError (with a reason for people) when no draw could be made.

    Checked over the whole pool, not only the enterprises a seed would pick, so whether
    a plan can be drawn never depends on the seed.
    """
    enterprises = pool["enterprises"]
    if enterprise_count < 1:
        raise DrawError(_("至少抽取 1 家企业。"))
    if inspectors_per_check < 2:
        raise DrawError(_("每组检查人员至少 2 人。"))
    if enterprise_count > len(enterprises):
        raise DrawError(
            _("抽取企业数（%(count)s）大于范围内持有效证书的企业数（%(pool)s）。")
            % {"count": enterprise_count, "pool": len(enterprises)}
        )
    for enterprise in enterprises:
        eligible = _eligible(pool, enterprise["credit_code"])
        if len(eligible) < inspectors_per_check:
            raise DrawError(
                _("企业“%(name)s”回避后仅 %(eligible)s 名检查人员可选，每组需 %(needed)s 名。")
                % {
                    "name": enterprise["name"],
                    "eligible": len(eligible),
                    "needed": inspectors_per_check,
                }
            )


def _eligible(pool: dict, credit_code: str) -> list[int]:
    return [i["id"] for i in pool["inspectors"] if credit_code not in i["conflicts"]]


def run_draw(
    pool: dict, seed_hex: str, enterprise_count: int, inspectors_per_check: int
) -> list[Assignment]:
    """Draw enterprises and, for each, inspectors without a conflict; deterministic."""
    check_feasible(pool, enterprise_count, inspectors_per_check)
    stream = RandomStream(seed_hex)
    codes = [e["credit_code"] for e in pool["enterprises"]]
    drawn = sample(codes, enterprise_count, stream)
    return [
        Assignment(code, tuple(sample(_eligible(pool, code), inspectors_per_check, stream)))
        for code in drawn
    ]
