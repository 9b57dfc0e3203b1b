"""Fingerprints for exact and near copies (marsad.dedup)."""
from __future__ import annotations

import subprocess
import sys

from marsad.arabic.normalize import norm
from marsad.dedup import content_hash, minhash, similarity

from store_texts import KABUL, PROTEST, QAEDA, edit_words

# The first values of `signature(KABUL)` since store migration 0003.
PINNED = [99781630, 29528099, 34290207, 39473832]


def signature(text: str):
    return minhash.signature(norm(text))


def test_content_hash_ignores_spelling_variants_and_spacing():
    variant = KABUL.replace("أ", "ا").replace("ة", "ه").replace(" ", "  \n", 3)
    assert content_hash(norm(variant)) == content_hash(norm(KABUL))
    assert content_hash(norm(QAEDA)) != content_hash(norm(KABUL))
    assert content_hash(norm("  \n ")) is None


def test_signature_needs_enough_words():
    assert signature("انفجار في كابل") is None
    assert signature(KABUL) is not None


def test_similarity_separates_edited_copies_from_other_texts(seeds_dir):
    seed = (seeds_dir / "001_b0b29bad66fbc341.txt").read_text(encoding="utf-8")
    base = signature(seed)
    assert similarity(base, signature(seed)) == 1.0
    assert similarity(base, signature(edit_words(seed, 150))) >= minhash.THRESHOLD
    assert similarity(base, signature(edit_words(seed, 3))) < 0.5
    assert similarity(signature(KABUL), signature(PROTEST)) < 0.2


def test_band_keys_are_stable_across_processes():
    """Band keys are persisted, so they must not depend on per-process hash salts."""
    here = minhash.band_keys(signature(KABUL))
    code = (
        "import sys; from marsad.arabic.normalize import norm; from marsad.dedup import minhash; "
        "print(minhash.band_keys(minhash.signature(norm(sys.argv[1]))))"
    )
    out = subprocess.run([sys.executable, "-c", code, KABUL], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(here)
    assert len(here) == minhash.BANDS and minhash.BANDS * minhash.ROWS <= minhash.NUM_PERM


def test_signature_values_are_pinned():
    """Stored signatures must mean the same in every process and release:
    a change to the hashing needs a store
    migration that recomputes them (as 0003 does). This catches one made by
    accident (including an unstable hash such as Python's salted `hash`)."""
    sig = signature(KABUL)
    assert sig.dtype == minhash.DTYPE and len(sig) == minhash.NUM_PERM
    assert sig[:4].tolist() == PINNED


def test_word_order_matters_and_repeats_do_not():
    words = norm(KABUL).split()
    assert similarity(signature(" ".join(words)), signature(" ".join(reversed(words)))) < 0.2
    assert similarity(signature(KABUL), signature(KABUL + " " + KABUL)) > 0.9
