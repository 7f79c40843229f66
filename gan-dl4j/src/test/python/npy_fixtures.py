#!/usr/bin/python3
"""Writes ../resources/fixtures/npy/*.npy with NumPy's own writer, for NpyFormatTest: float32 [2, 3] (v1.0),
float64 [4] (v1.0), a float32 scalar, big-endian float32 [2, 2], float64 [3, 1] in format version 2.0, and an
int32 array and a Fortran-order array (both refused by gan4j). Run with Debian's interpreter:
/usr/bin/python3 npy_fixtures.py
"""
import os

import numpy as np

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "npy")
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "f4_2x3.npy"), np.array([[1.5, -2.0, 3.25], [0.0, 1e-3, -7.0]], dtype="<f4"))
np.save(os.path.join(out, "f8_4.npy"), np.array([0.1, 0.2, -0.3, 1e300], dtype="<f8"))
np.save(os.path.join(out, "f4_scalar.npy"), np.array(2.5, dtype="<f4"))
np.save(os.path.join(out, "f4_big_endian_2x2.npy"), np.array([[1, 2], [3, 4]], dtype=">f4"))
with open(os.path.join(out, "f8_3x1_v2.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([[1.0], [2.0], [3.0]], dtype="<f8"), version=(2, 0))
np.save(os.path.join(out, "i4_3.npy"), np.array([1, 2, 3], dtype="<i4"))
np.save(os.path.join(out, "f4_fortran_2x3.npy"), np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
print("wrote", sorted(os.listdir(out)))
