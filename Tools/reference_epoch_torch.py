"""The reference epoch and the default recipe in PyTorch, to compare with `digits bench`.

Reference epoch: 784-128-10, ReLU, batch 64, plain SGD at 0.1, float32, 5 epochs; prints each
epoch's seconds and their median (with --json one object: {"framework", "seconds", "median"}).
--hidden, --lr, --batch and --full-batch give the seed set-ups as in reference_epoch_numpy.py
(full-batch descent converts the whole set once, before the timed epochs). With --recipe: digits' default recipe (784-128-10, momentum
0.9, lr 0.05, batch 64, cosine schedule over 8 epochs), printing the seconds from process start
until the test accuracy first reaches 98.0% and the peak resident memory.

    DIGITS_DATA=/path/to/mnist python3 Tools/reference_epoch_torch.py [epochs] [options] [--recipe]

Uses PyTorch's own defaults (its threads, its initialisation); the images stay bytes and are
converted a batch at a time, as digits does.
"""
import argparse
import json
import math
import resource
import statistics
import time

START = time.perf_counter()

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from mnist_files import data_directory, read_idx  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description="Time training epochs in PyTorch.")
    parser.add_argument("epochs", nargs="?", type=int, default=5)
    parser.add_argument("--hidden", default="128", help="hidden sizes, comma-separated")
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--full-batch", action="store_true", help="full-batch gradient descent")
    parser.add_argument("--recipe", action="store_true", help="digits' default recipe to 98.0%%")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.epochs < 1 or options.batch < 1:
        parser.error("epochs and batch must be positive")
    options.sizes = [784] + [int(size) for size in options.hidden.split(",")] + [10]
    return options


def main():
    options = arguments()
    recipe = options.recipe
    directory = data_directory()
    train_x = torch.from_numpy(read_idx(directory, "train-images-idx3-ubyte").reshape(-1, 784).copy())
    train_y = torch.from_numpy(read_idx(directory, "train-labels-idx1-ubyte").astype(np.int64))
    test_x = torch.from_numpy(read_idx(directory, "t10k-images-idx3-ubyte").reshape(-1, 784).copy())
    test_y = torch.from_numpy(read_idx(directory, "t10k-labels-idx1-ubyte").astype(np.int64))

    torch.manual_seed(1)
    sizes = [784, 128, 10] if recipe else options.sizes
    layers = []
    for index, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        if index:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(n_in, n_out))
    model = nn.Sequential(*layers)
    loss_fn = nn.CrossEntropyLoss()
    epochs = 8 if recipe else options.epochs
    full_batch = options.full_batch and not recipe
    batch = len(train_x) if full_batch else (64 if recipe else options.batch)
    floats = train_x.float().mul_(1 / 255) if full_batch else None
    batches = math.ceil(len(train_x) / batch)
    if recipe:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: 0.5 * (1 + math.cos(math.pi * step / (epochs * batches))))
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=options.lr)
        schedule = None

    seconds, reached = [], None
    for epoch in range(epochs):
        order = torch.arange(len(train_x)) if full_batch else torch.randperm(len(train_x))
        start = time.perf_counter()
        for first in range(0, len(train_x), batch):
            rows = order[first:first + batch]
            x = floats if full_batch else train_x[rows].float().mul_(1 / 255)
            loss = loss_fn(model(x), train_y[rows])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if schedule:
                schedule.step()
        seconds.append(time.perf_counter() - start)
        line = f"epoch {epoch + 1}: {seconds[-1]:.3f} s"
        if recipe:
            with torch.no_grad():
                accuracy = (model(test_x.float() / 255).argmax(1) == test_y).float().mean().item()
            line += f", test {accuracy * 100:.2f}%"
            if reached is None and accuracy >= 0.98:
                reached = time.perf_counter() - START
        if not options.json:
            print(line, flush=True)
    if recipe:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        shown = f"{reached:.2f} s" if reached is not None else "never"
        print(f"98.0% reached after {shown} from process start; peak memory {peak:.0f} MB")
    elif options.json:
        print(json.dumps({"framework": f"PyTorch {torch.__version__}", "seconds": seconds,
                          "median": statistics.median(seconds)}))
    else:
        print(f"median of {epochs}: {statistics.median(seconds):.3f} s")


if __name__ == "__main__":
    main()
