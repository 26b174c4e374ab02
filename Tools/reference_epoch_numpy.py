"""The reference epoch in NumPy, to compare with `digits bench`.

784-128-10, ReLU, He initialisation, softmax cross-entropy, batch 64, plain SGD at 0.1, float32,
the same work per batch as digits does (no gradient with respect to the pixels). Prints each
epoch's seconds and their median.

    DIGITS_DATA=/path/to/mnist python3 Tools/reference_epoch_numpy.py [epochs]
"""
import statistics
import sys
import time

import numpy as np

from mnist_files import data_directory, read_idx


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    directory = data_directory()
    images = read_idx(directory, "train-images-idx3-ubyte")
    labels = read_idx(directory, "train-labels-idx1-ubyte").astype(np.int64)
    images = images.reshape(len(images), -1)  # bytes; converted a batch at a time, as digits does

    rng = np.random.default_rng(1)
    w1 = (rng.standard_normal((784, 128)) * np.sqrt(2 / 784)).astype(np.float32)
    b1 = np.zeros(128, np.float32)
    w2 = (rng.standard_normal((128, 10)) * np.sqrt(2 / 128)).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    rate, batch = np.float32(0.1), 64
    seconds = []
    for epoch in range(epochs):
        order = rng.permutation(len(images))
        start = time.perf_counter()
        for first in range(0, len(images), batch):
            rows = order[first:first + batch]
            x = images[rows].astype(np.float32) * np.float32(1 / 255)
            y = labels[rows]
            h = np.maximum(x @ w1 + b1, 0)
            z = h @ w2 + b2
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y] -= 1
            p /= len(rows)
            dw2 = h.T @ p
            dh = (p @ w2.T) * (h > 0)
            dw1 = x.T @ dh
            w2 -= rate * dw2
            b2 -= rate * p.sum(axis=0)
            w1 -= rate * dw1
            b1 -= rate * dh.sum(axis=0)
        seconds.append(time.perf_counter() - start)
        print(f"epoch {epoch + 1}: {seconds[-1]:.3f} s", flush=True)
    print(f"median of {epochs}: {statistics.median(seconds):.3f} s")


if __name__ == "__main__":
    main()
