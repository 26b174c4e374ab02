"""Reading the MNIST files for the comparison scripts, from where digits looks for them."""
import gzip
import os

import numpy as np


def data_directory():
    """Where digits looks without --data on Linux: DIGITS_DATA, else its download cache."""
    if "DIGITS_DATA" in os.environ:
        return os.environ["DIGITS_DATA"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "digits", "mnist")


def read_idx(directory, name):
    """The IDX file `name` in `directory` (gzip-compressed or raw) as a uint8 array."""
    path = os.path.join(directory, name)
    compressed = os.path.exists(path + ".gz")
    with (gzip.open(path + ".gz", "rb") if compressed else open(path, "rb")) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
