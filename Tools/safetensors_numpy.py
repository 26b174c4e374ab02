#!/usr/bin/env python3
"""Read, run and write digits model files with NumPy alone (no PyTorch, no safetensors package).

A digits model is a safetensors file laid out like the state dict of a PyTorch
nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)):
"0.weight" [128, 784], "0.bias" [128], "2.weight" [10, 128], "2.bias" [10], float32
little-endian, with the hidden activation ("relu" or "sigmoid") in __metadata__.

    python3 Tools/safetensors_numpy.py info MODEL
    python3 Tools/safetensors_numpy.py predict MODEL INPUTS
        INPUTS: raw little-endian float32 rows of the model's input width (pixels in 0..1),
        or a .npy file; prints one line of class probabilities per row.
    python3 Tools/safetensors_numpy.py random MODEL --sizes 784,64,10
        [--activation relu|sigmoid] [--dtype F32|F64] [--seed N] [--plain]
        writes a model with random weights; --plain leaves __metadata__ out, like a bare
        safetensors.torch.save_file of a state dict.

The format (https://github.com/huggingface/safetensors): 8-byte little-endian header length N,
N bytes of JSON {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}},
then the data section that the offsets point into.
"""

import argparse
import json
import struct
import sys

import numpy as np

DTYPES = {"F16": "<f2", "F32": "<f4", "F64": "<f8"}


def load_safetensors(path):
    """Returns ({name: ndarray}, {metadata}) from a safetensors file."""
    with open(path, "rb") as f:
        blob = f.read()
    (header_length,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_length])
    metadata = header.pop("__metadata__", {})
    data = blob[8 + header_length:]
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=DTYPES[info["dtype"]])
        tensors[name] = array.reshape(info["shape"]).astype(np.float32)
    return tensors, metadata


def save_safetensors(path, tensors, metadata=None):
    """Writes {name: ndarray} as safetensors, laid out as the reference implementation does:
    widest dtype first then by name, header padded with spaces to a multiple of 8."""
    def dtype_name(array):
        return {np.dtype("<f2"): "F16", np.dtype("<f4"): "F32", np.dtype("<f8"): "F64"}[array.dtype]

    names = sorted(tensors, key=lambda n: (-tensors[n].dtype.itemsize, n.encode()))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    offset = 0
    for name in names:
        size = tensors[name].nbytes
        header[name] = {"dtype": dtype_name(tensors[name]), "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in names:
            f.write(np.ascontiguousarray(tensors[name]).tobytes())


def load_mlp(path):
    """Returns ([(weight [out, in], bias [out]), ...], activation name) of a digits model."""
    tensors, metadata = load_safetensors(path)
    layers = []
    index = 0
    while f"{index}.weight" in tensors:
        layers.append((tensors[f"{index}.weight"], tensors[f"{index}.bias"]))
        index += 2
    return layers, metadata.get("activation", "relu"), metadata


def probabilities(layers, activation, inputs):
    """The MLP forward pass: Linear, activation, ..., Linear, softmax (max subtracted)."""
    x = np.asarray(inputs, dtype=np.float32)
    for i, (weight, bias) in enumerate(layers):
        x = x @ weight.T + bias
        if i < len(layers) - 1:
            x = np.maximum(x, 0) if activation == "relu" else 1 / (1 + np.exp(-x))
    x = np.exp(x - x.max(axis=1, keepdims=True))
    return x / x.sum(axis=1, keepdims=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    info = commands.add_parser("info", help="print the architecture and metadata")
    info.add_argument("model")
    predict = commands.add_parser("predict", help="print class probabilities for input rows")
    predict.add_argument("model")
    predict.add_argument("inputs")
    random = commands.add_parser("random", help="write a model with random weights")
    random.add_argument("model")
    random.add_argument("--sizes", default="784,128,10")
    random.add_argument("--activation", default="relu", choices=["relu", "sigmoid"])
    random.add_argument("--dtype", default="F32", choices=["F32", "F64"])
    random.add_argument("--seed", type=int, default=0)
    random.add_argument("--plain", action="store_true")
    args = parser.parse_args()

    if args.command == "info":
        layers, activation, metadata = load_mlp(args.model)
        sizes = [layers[0][0].shape[1]] + [w.shape[0] for w, _ in layers]
        print("-".join(map(str, sizes)), activation)
        for key in sorted(metadata):
            print(f"{key}: {metadata[key]}")
    elif args.command == "predict":
        layers, activation, _ = load_mlp(args.model)
        width = layers[0][0].shape[1]
        if args.inputs.endswith(".npy"):
            inputs = np.load(args.inputs).reshape(-1, width)
        else:
            inputs = np.fromfile(args.inputs, dtype="<f4").reshape(-1, width)
        for row in probabilities(layers, activation, inputs):
            print(" ".join(f"{p:.9g}" for p in row))
    else:
        sizes = [int(s) for s in args.sizes.split(",")]
        rng = np.random.default_rng(args.seed)
        dtype = DTYPES[args.dtype]
        tensors = {}
        for layer, (inputs, outputs) in enumerate(zip(sizes, sizes[1:])):
            scale = np.sqrt(2 / inputs)
            tensors[f"{2 * layer}.weight"] = (rng.standard_normal((outputs, inputs)) * scale).astype(dtype)
            tensors[f"{2 * layer}.bias"] = (rng.standard_normal(outputs) * 0.1).astype(dtype)
        metadata = None if args.plain else {"activation": args.activation, "architecture": args.sizes.replace(",", "-")}
        save_safetensors(args.model, tensors, metadata)


if __name__ == "__main__":
    sys.exit(main())
