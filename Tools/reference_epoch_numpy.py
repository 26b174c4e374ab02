"""Training epochs in NumPy, to compare with `digits bench`.

By default the reference epoch: 784-128-10, ReLU, He initialisation, softmax cross-entropy,
batch 64, plain SGD at 0.1, float32, the same work per batch as digits does (no gradient with
respect to the pixels). The options give the seed set-ups `digits bench` measures:

    --hidden 10 --lr 0.1              seed 001: 784-10-10, batch 64
    --hidden 128 --full-batch --lr 0.5   seed 002: full-batch gradient descent
    --hidden 1024,128 --lr 0.05       seed 003: 784-1024-128-10, batch 64

Minibatches stay bytes and are converted a batch at a time, as digits does; full-batch descent
converts the whole set once, before the timed epochs, as the seed projects do. Prints each
epoch's seconds and their median, or with --json one object: {"framework", "seconds", "median"}.

    DIGITS_DATA=/path/to/mnist python3 Tools/reference_epoch_numpy.py [epochs] [options]
"""
import argparse
import json
import statistics
import time

import numpy as np

from mnist_files import data_directory, read_idx


def arguments():
    parser = argparse.ArgumentParser(description="Time training epochs in NumPy.")
    parser.add_argument("epochs", nargs="?", type=int, default=5)
    parser.add_argument("--hidden", default="128", help="hidden sizes, comma-separated")
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--full-batch", action="store_true", help="full-batch gradient descent")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.epochs < 1 or options.batch < 1:
        parser.error("epochs and batch must be positive")
    options.sizes = [784] + [int(size) for size in options.hidden.split(",")] + [10]
    return options


def main():
    options = arguments()
    directory = data_directory()
    images = read_idx(directory, "train-images-idx3-ubyte")
    labels = read_idx(directory, "train-labels-idx1-ubyte").astype(np.int64)
    images = images.reshape(len(images), -1)

    rng = np.random.default_rng(1)
    sizes = options.sizes
    weights = [(rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)).astype(np.float32)
               for n_in, n_out in zip(sizes, sizes[1:])]
    biases = [np.zeros(n_out, np.float32) for n_out in sizes[1:]]
    rate = np.float32(options.lr)
    batch = len(images) if options.full_batch else options.batch
    floats = images.astype(np.float32) * np.float32(1 / 255) if options.full_batch else None

    seconds = []
    for epoch in range(options.epochs):
        order = np.arange(len(images)) if options.full_batch else rng.permutation(len(images))
        start = time.perf_counter()
        for first in range(0, len(images), batch):
            rows = order[first:first + batch]
            x = floats if options.full_batch else images[rows].astype(np.float32) * np.float32(1 / 255)
            y = labels[rows]
            outputs = [x]
            for layer, (w, b) in enumerate(zip(weights, biases)):
                z = outputs[-1] @ w + b
                outputs.append(np.maximum(z, 0) if layer < len(weights) - 1 else z)
            z = outputs[-1]
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y] -= 1
            p /= len(rows)
            gradient = p
            for layer in range(len(weights) - 1, -1, -1):
                dw = outputs[layer].T @ gradient
                db = gradient.sum(axis=0)
                if layer > 0:
                    below = (gradient @ weights[layer].T) * (outputs[layer] > 0)
                weights[layer] -= rate * dw
                biases[layer] -= rate * db
                if layer > 0:
                    gradient = below
        seconds.append(time.perf_counter() - start)
        if not options.json:
            print(f"epoch {epoch + 1}: {seconds[-1]:.3f} s", flush=True)
    median = statistics.median(seconds)
    if options.json:
        print(json.dumps({"framework": f"NumPy {np.__version__}", "seconds": seconds, "median": median}))
    else:
        print(f"median of {options.epochs}: {median:.3f} s")


if __name__ == "__main__":
    main()
