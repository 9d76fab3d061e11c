"""Matrix products of the spaCy models on numpy's BLAS instead of thinc's bundled BLIS.

thinc's CPU backend (:class:`~thinc.api.NumpyOps`) multiplies matrices with the BLIS
library it ships. On CPUs its kernels do not target (measured here on an AMD EPYC with
AVX-512) a product the size of a tok2vec layer takes three times as long as in the
OpenBLAS that numpy is linked against. :class:`BlasOps` is ``NumpyOps`` with ``gemm``
handed to ``numpy.matmul``; every other operation, and the parser's own C loop, stay
thinc's. The models' weights and layers are unchanged, so only the rounding of sums may
differ (over 120,000 BBC tokens no tag, head, label or entity did).

kgraph parallelizes over processes (``--workers``), so BLAS runs one thread per process.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from thinc.api import NumpyOps

__all__ = ["BlasOps", "use_blas_ops"]


class BlasOps(NumpyOps):
    """thinc's ``NumpyOps`` with matrix products through ``numpy.matmul``."""

    name = "kgraph-blas"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        """``x @ y`` (each transposed when asked), into ``out`` when given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_blas_ops(nlp: Language) -> int:
    """Run the matrix products of ``nlp``'s thinc models on numpy's BLAS, one thread.

    Only layers on thinc's plain CPU backend change (a GPU or PyTorch-backed layer keeps
    its own). Returns the number of layers switched; 0 leaves BLAS threads as they were.
    """
    ops = BlasOps()
    switched = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps:
                layer.ops = ops
                switched += 1
    if switched:
        _one_blas_thread()
    return switched


def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread in this process (workers are processes)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
