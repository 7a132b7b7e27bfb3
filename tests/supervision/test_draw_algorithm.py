"""The draw as a pure function: reproducible, seed-dependent, fair, conflict-aware."""

import hashlib
import secrets
from collections import Counter

import pytest

from supervision.draw import (
    DrawError,
    RandomStream,
    canonical_pool,
    check_feasible,
    pool_hash,
    run_draw,
    sample,
    seed_hash,
)

SEED = "00" * 31 + "01"
OTHER_SEED = "00" * 31 + "02"


def make_pool(enterprises=10, inspectors=6, conflicts=()):
    return canonical_pool(
        [
            {"credit_code": f"E{n:03d}", "name": f"企业{n}", "certificates": [f"C{n}"]}
            for n in range(enterprises)
        ],
        [
            {"id": n + 1, "conflicts": [code for i, code in conflicts if i == n + 1]}
            for n in range(inspectors)
        ],
    )


def test_draw_reproduces_from_pool_and_seed():
    pool = make_pool()
    assert run_draw(pool, SEED, 4, 2) == run_draw(pool, SEED, 4, 2)


def test_draw_changes_with_the_seed():
    pool = make_pool(enterprises=30)
    assert run_draw(pool, SEED, 5, 2) != run_draw(pool, OTHER_SEED, 5, 2)


def test_draw_does_not_depend_on_the_order_the_pool_was_listed_in():
    forward = make_pool()
    listed = canonical_pool(list(reversed(forward["enterprises"])), forward["inspectors"][::-1])
    assert pool_hash(listed) == pool_hash(forward)
    assert run_draw(listed, SEED, 3, 2) == run_draw(forward, SEED, 3, 2)


def test_draw_picks_distinct_enterprises_and_inspectors():
    result = run_draw(make_pool(enterprises=8, inspectors=5), SEED, 8, 3)
    assert len({a.credit_code for a in result}) == 8
    assert all(len(set(a.inspector_ids)) == 3 for a in result)


def test_draw_excludes_conflicted_inspectors():
    # Inspectors 1 and 2 have a conflict with E000: every seed must leave them out there.
    pool = make_pool(enterprises=1, inspectors=4, conflicts=[(1, "E000"), (2, "E000")])
    for n in range(200):
        (assignment,) = run_draw(pool, f"{n:064x}", 1, 2)
        assert set(assignment.inspector_ids) == {3, 4}


def test_draw_sample_larger_than_pool_is_refused():
    with pytest.raises(DrawError, match="大于"):
        check_feasible(make_pool(enterprises=3), 4, 2)


def test_draw_too_few_eligible_inspectors_is_refused():
    pool = make_pool(enterprises=5, inspectors=2, conflicts=[(1, "E003")])
    with pytest.raises(DrawError, match="企业3"):
        run_draw(pool, SEED, 1, 2)


def test_draw_needs_at_least_two_inspectors():
    with pytest.raises(DrawError):
        check_feasible(make_pool(), 1, 1)


def test_draw_each_enterprise_is_drawn_about_equally_often():
    # 12 enterprises, 3 drawn per seed, 6000 seeds: each is expected 1500 times
    # (sd ≈ 33.5); a ±10 % band is over 4 sd wide, yet catches a biased algorithm.
    pool = make_pool(enterprises=12, inspectors=2)
    counts = Counter()
    seeds = 6000
    for n in range(seeds):
        seed = hashlib.sha256(n.to_bytes(4, "big")).hexdigest()
        counts.update(a.credit_code for a in run_draw(pool, seed, 3, 2))
    expected = seeds * 3 / 12
    assert len(counts) == 12
    assert all(abs(count - expected) < 0.1 * expected for count in counts.values()), counts


def test_draw_every_position_is_unbiased():
    # The first drawn of 7 (7 does not divide 2**64: where modulo bias would show).
    counts = Counter()
    for n in range(7000):
        stream = RandomStream(hashlib.sha256(b"p" + n.to_bytes(4, "big")).hexdigest())
        counts[sample(range(7), 1, stream)[0]] += 1
    assert all(abs(c - 1000) < 120 for c in counts.values()), counts


def test_uniform_below_rejects_words_above_the_last_full_multiple():
    # With n = 2**63 + 1 only words below n fit one full multiple; about half are rejected,
    # so a stream must still return values below n, and reach the next block when needed.
    stream = RandomStream(secrets.token_hex(32))
    n = 2**63 + 1
    assert all(stream.uniform_below(n) < n for _ in range(50))


def test_seed_hash_is_sha256_of_the_seed_bytes():
    assert seed_hash(SEED) == hashlib.sha256(bytes.fromhex(SEED)).hexdigest()


def test_pool_hash_changes_with_the_pool():
    assert pool_hash(make_pool(enterprises=3)) != pool_hash(make_pool(enterprises=4))
