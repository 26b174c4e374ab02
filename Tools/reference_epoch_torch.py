"""The reference epoch and the default recipe in PyTorch, to compare with `digits bench`.

Reference epoch: 784-128-10, ReLU, batch 64, plain SGD at 0.1, float32, 5 epochs; prints each
epoch's seconds and their median. With --recipe: digits' default recipe (784-128-10, momentum
0.9, lr 0.05, batch 64, cosine schedule over 8 epochs), printing the seconds from process start
until the test accuracy first reaches 98.0% and the peak resident memory.

    DIGITS_DATA=/path/to/mnist python3 Tools/reference_epoch_torch.py [--recipe]

Uses PyTorch's own defaults (its threads, its initialisation); the images stay bytes and are
converted a batch at a time, as digits does.
"""
import math
import resource
import statistics
import sys
import time

START = time.perf_counter()

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from mnist_files import data_directory, read_idx  # noqa: E402


def main():
    recipe = "--recipe" in sys.argv
    directory = data_directory()
    train_x = torch.from_numpy(read_idx(directory, "train-images-idx3-ubyte").reshape(-1, 784).copy())
    train_y = torch.from_numpy(read_idx(directory, "train-labels-idx1-ubyte").astype(np.int64))
    test_x = torch.from_numpy(read_idx(directory, "t10k-images-idx3-ubyte").reshape(-1, 784).copy())
    test_y = torch.from_numpy(read_idx(directory, "t10k-labels-idx1-ubyte").astype(np.int64))

    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    loss_fn = nn.CrossEntropyLoss()
    epochs = 8 if recipe else 5
    batch = 64
    batches = math.ceil(len(train_x) / batch)
    if recipe:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: 0.5 * (1 + math.cos(math.pi * step / (epochs * batches))))
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        schedule = None

    seconds, reached = [], None
    for epoch in range(epochs):
        order = torch.randperm(len(train_x))
        start = time.perf_counter()
        for first in range(0, len(train_x), batch):
            rows = order[first:first + batch]
            x = train_x[rows].float().mul_(1 / 255)
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
        print(line, flush=True)
    if recipe:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        shown = f"{reached:.2f} s" if reached is not None else "never"
        print(f"98.0% reached after {shown} from process start; peak memory {peak:.0f} MB")
    else:
        print(f"median of {epochs}: {statistics.median(seconds):.3f} s")


if __name__ == "__main__":
    main()
