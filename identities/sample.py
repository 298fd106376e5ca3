"""Random instances that honour a record's assumptions: seeded, with bounded conditioning."""
from __future__ import annotations

import inspect
import zlib
from dataclasses import dataclass

import numpy as np

from . import assumptions as vocab
from .model import Identity


@dataclass
class Instance:
    seed: int
    sizes: dict          # dimension name -> size
    values: dict         # variable name -> float64 (or complex128) array (0-d for scalars)

    def sizes_text(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.sizes.items()) or "fixed"


def base_seed(record_id: str) -> int:
    """The default seed of an entry: stable across runs and machines, different per entry."""
    return zlib.crc32(record_id.encode()) % 1_000_000


def instance_seeds(record: Identity, seed: int | None = None, count: int | None = None) -> list[int]:
    start = base_seed(record.id) if seed is None else seed
    return [start + k for k in range(record.instances if count is None else count)]


def _dims(record: Identity) -> list[str]:
    out = []
    for v in record.variables.values():
        for d in v.shape:
            if isinstance(d, str) and d not in out:
                out.append(d)
    return out


def _shape_ok(record: Identity, sizes: dict) -> bool:
    for v in record.variables.values():
        if v.kind != "matrix":
            continue
        r, c = (sizes.get(d, d) for d in v.shape)
        words = vocab.closure(v.assume)
        if any(vocab.VOCABULARY[w].tall for w in words) and not r > c:
            return False
        if any(vocab.VOCABULARY[w].wide for w in words) and not r < c:
            return False
    return True


def draw_sizes(record: Identity, rng: np.random.Generator) -> dict:
    """Sizes for the symbolic dimensions: distinct where the range allows, so transposes show."""
    names = _dims(record)
    lo, hi = record.sizes
    choices = np.arange(lo, hi + 1)
    for _ in range(200):
        if len(names) <= len(choices):
            picked = choices[rng.permutation(len(choices))[:len(names)]]
        else:
            picked = rng.choice(choices, size=len(names), replace=True)
        sizes = {n: int(s) for n, s in zip(names, picked)}
        if _shape_ok(record, sizes):
            return sizes
    raise ValueError(f"no sizes in {record.sizes} satisfy the shape assumptions of {record.id}")


def draw_value(var, sizes: dict, rng: np.random.Generator) -> np.ndarray:
    shape = tuple(sizes.get(d, d) for d in var.shape)
    gen = vocab.generator_for(var.assume)
    value = rng.standard_normal(shape) if gen is None else gen(rng, shape)
    return np.asarray(value, dtype=np.complex128 if vocab.is_complex(var.assume) else np.float64)


def draw(record: Identity, seed: int) -> Instance:
    """One random instance of ``record`` from ``seed``. Same seed, same instance, on any machine."""
    rng = np.random.default_rng(seed)
    sizes = draw_sizes(record, rng)
    values = {name: draw_value(var, sizes, rng) for name, var in record.variables.items()}
    if record.prepare is not None:
        takes_seed = len(inspect.signature(record.prepare).parameters) >= 3
        values = dict(record.prepare(rng, dict(values), seed) if takes_seed else record.prepare(rng, dict(values)))
    return Instance(seed, sizes, {name: _read_only(v) for name, v in values.items()})


def _read_only(value):
    """Checkers get read-only inputs: a claim that writes into its arguments raises instead of
    changing what the next side, or the reference, sees."""
    a = np.array(value, dtype=np.complex128 if np.iscomplexobj(value) else np.float64)
    a.flags.writeable = False
    return a
