#!/usr/bin/env python3
"""Writes the seed corpus for scripts/fuzz: Tests/Fuzz/Corpus/TARGET/.

Seeds are small on purpose (libFuzzer sizes its inputs from the largest seed, and small inputs
run fast): a few valid files of each kind and the edge cases the parsers must refuse. Names say
what the test FuzzCorpusTests expects: `valid-*` must be accepted, `invalid-*` rejected, and
anything else (`crash-*`, inputs a fuzzer found) either, as long as nothing traps.

Run it again after changing a seed here; it only writes the files it names, so crash files
added by hand stay.
"""
import gzip
import json
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def gz(data):
    # mtime=0 so the files do not change each time this runs.
    return gzip.compress(data, mtime=0)


# --- IDX ---------------------------------------------------------------------------------------

def idx(dims, data, element=0x08):
    return bytes([0, 0, element, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + bytes(data)


def digit_pixels(rows, columns, seed):
    # A bright diagonal bar: something like ink, not noise.
    return [255 if abs(r - c + seed) < 2 else 0 for r in range(rows) for c in range(columns)]


images = idx([2, 28, 28], digit_pixels(28, 28, 0) + digit_pixels(28, 28, 3))
labels = idx([3], [7, 0, 9])
write("idx", "valid-images-2x28x28", images)
write("idx", "valid-images-2x28x28.gz", gz(images))
write("idx", "valid-labels-3", labels)
write("idx", "valid-labels-3.zlib", zlib.compress(labels))
write("idx", "valid-images-1x1x1", idx([1, 1, 1], [200]))
write("idx", "valid-labels-two-gzip-members", gz(labels[:6]) + gz(labels[6:]))
write("idx", "invalid-empty", b"")
write("idx", "invalid-truncated-header", idx([2, 28, 28], [])[:7])
write("idx", "invalid-count-4294967295", idx([0xFFFFFFFF, 28, 28], []))
write("idx", "invalid-side-65535", idx([1, 65535, 1], [0] * 16))
write("idx", "invalid-zero-count", idx([0], []))
write("idx", "invalid-element-type-int32", idx([3], [1, 2, 3], element=0x0C))
write("idx", "invalid-four-dimensions", idx([1, 1, 1, 1], [0]))
write("idx", "invalid-extra-data", labels + b"\x00")
write("idx", "invalid-short-data", labels[:-1])
write("idx", "invalid-gzip-header-promises-256MiB", gz(idx([0x10000, 64, 64], [0] * 64)))
write("idx", "invalid-gzip-truncated", gz(images)[:-9])

# --- gzip --------------------------------------------------------------------------------------

text = b"digits: a neural network written out by hand\n" * 4
write("gzip", "valid-text.gz", gz(text))
write("gzip", "valid-text.zlib", zlib.compress(text))
write("gzip", "valid-empty.gz", gz(b""))
write("gzip", "valid-two-members.gz", gz(b"first ") + gz(b"second"))
write("gzip", "valid-64KiB-zeros.gz", gz(bytes(65536)))
write("gzip", "valid-stored-block.gz", gzip.compress(text, compresslevel=0, mtime=0))
write("gzip", "invalid-empty", b"")
write("gzip", "invalid-truncated.gz", gz(text)[:-5])
bad_crc = bytearray(gz(text))
bad_crc[-8] ^= 0xFF
write("gzip", "invalid-bad-crc.gz", bytes(bad_crc))
write("gzip", "invalid-trailing-garbage.gz", gz(text) + b"garbage")
# A zlib header with FDICT set: the stream needs a preset dictionary.
write("gzip", "invalid-preset-dictionary.zlib", bytes([0x78, 0xBB]) + struct.pack(">I", 1) + b"\x03\x00")
write("gzip", "invalid-not-compressed", b"plain text")

# --- safetensors -------------------------------------------------------------------------------

def safetensors(tensors, metadata=None, header_override=None, pad=True):
    """tensors: list of (name, dtype, shape, raw bytes)."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    data = b""
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    text = header_override if header_override is not None else json.dumps(header, separators=(",", ":"))
    text = text.encode()
    if pad:
        text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def f32(values):
    return struct.pack("<%df" % len(values), *values)


def f16(values):
    return struct.pack("<%de" % len(values), *values)


def bf16(values):
    return b"".join(struct.pack("<f", v)[2:] for v in values)


def mlp(sizes, encode=f32, dtype="F32"):
    tensors = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        weights = [((j * 7 + 3) % 11 - 5) / 10 for j in range(n_in * n_out)]
        tensors.append(("%d.weight" % (2 * i), dtype, [n_out, n_in], encode(weights)))
        tensors.append(("%d.bias" % (2 * i), dtype, [n_out], encode([0.1] * n_out)))
    return tensors


meta = {"format": "digits-mlp", "architecture": "4-3-2", "activation": "relu", "epochs": "2"}
write("safetensors", "valid-4-3-2-relu", safetensors(mlp([4, 3, 2]), meta))
write("safetensors", "valid-3-2-sigmoid", safetensors(mlp([3, 2]), {"activation": "sigmoid"}))
write("safetensors", "valid-pytorch-no-metadata", safetensors(mlp([5, 4, 3, 2])))
write("safetensors", "valid-f16", safetensors(mlp([4, 2], f16, "F16")))
write("safetensors", "valid-bf16", safetensors(mlp([4, 2], bf16, "BF16")))
write("safetensors", "valid-unpadded-header", safetensors(mlp([2, 2]), pad=False))
write("safetensors", "invalid-empty", b"")
write("safetensors", "invalid-header-length-2^63", struct.pack("<Q", 1 << 63) + b"{}")
write("safetensors", "invalid-header-beyond-end", struct.pack("<Q", 4096) + b"{}")
write("safetensors", "invalid-not-json", struct.pack("<Q", 8) + b"not json")
write("safetensors", "invalid-nan-weight", safetensors([
    ("0.weight", "F32", [1, 2], f32([float("nan"), 1.0])), ("0.bias", "F32", [1], f32([0]))]))
write("safetensors", "invalid-unknown-activation", safetensors(mlp([2, 2]), {"activation": "tanh"}))
write("safetensors", "invalid-architecture-mismatch", safetensors(mlp([2, 2]), {"architecture": "784-10"}))
write("safetensors", "invalid-shapes-do-not-chain", safetensors(mlp([2, 3])[:2] + [
    ("2.weight", "F32", [2, 4], f32([0] * 8)), ("2.bias", "F32", [2], f32([0, 0]))]))
write("safetensors", "invalid-int32-weights", safetensors([
    ("0.weight", "I32", [1, 1], struct.pack("<i", 1)), ("0.bias", "I32", [1], struct.pack("<i", 1))]))
write("safetensors", "invalid-extra-tensor", safetensors(mlp([2, 2]) + [("extra", "F32", [1], f32([0]))]))
write("safetensors", "invalid-shape-overflows",
      safetensors([], header_override='{"0.weight":{"dtype":"F32","shape":[9223372036854775807,2],"data_offsets":[0,0]}}'))
write("safetensors", "invalid-overlapping-offsets",
      safetensors([], header_override='{"0.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},'
                   '"0.bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}') + f32([1]))
write("safetensors", "invalid-nesting-100-deep", safetensors([], header_override="[" * 100 + "]" * 100))
write("safetensors", "invalid-duplicate-key",
      safetensors([], header_override='{"__metadata__":{},"__metadata__":{}}'))

# --- PGM ---------------------------------------------------------------------------------------

def p5(width, height, pixels, maximum=255):
    body = bytes(pixels) if maximum < 256 else b"".join(struct.pack(">H", p) for p in pixels)
    return b"P5\n%d %d\n%d\n" % (width, height, maximum) + body


def p2(width, height, pixels, maximum=255):
    rows = [" ".join(str(p) for p in pixels[r * width:(r + 1) * width]) for r in range(height)]
    return ("P2\n# a plain PGM\n%d %d\n%d\n" % (width, height, maximum) + "\n".join(rows) + "\n").encode()


ink = digit_pixels(28, 28, 0)
write("pgm", "valid-p5-28x28", p5(28, 28, ink))
write("pgm", "valid-p5-dark-on-light", p5(28, 28, [255 - p for p in ink]))
write("pgm", "valid-p5-16-bit", p5(8, 8, [p * 257 for p in digit_pixels(8, 8, 0)], maximum=65535))
write("pgm", "valid-p2-12x12", p2(12, 12, digit_pixels(12, 12, 1)))
write("pgm", "valid-uniform-no-ink", p5(6, 6, [128] * 36))
write("pgm", "valid-1x1", p5(1, 1, [255]))
write("pgm", "valid-wide-40x3", p5(40, 3, [0] * 40 + [255] * 40 + [0] * 40))
write("pgm", "invalid-empty", b"")
write("pgm", "invalid-not-pgm", b"P6\n1 1\n255\n\x00\x00\x00")
write("pgm", "invalid-width-99999", b"P5\n99999 1\n255\n\x00")
write("pgm", "invalid-p5-8192x8192-no-data", b"P5\n8192 8192\n255\n")
write("pgm", "invalid-p2-8192x8192-no-data", b"P2\n8192 8192\n255\n")
write("pgm", "invalid-sample-above-maximum", p5(2, 1, [10, 200], maximum=100))
write("pgm", "invalid-truncated", p5(28, 28, ink)[:-10])
write("pgm", "invalid-missing-separator", b"P5\n1 1\n255")
write("pgm", "invalid-maximum-zero", b"P5\n1 1\n0\n\x00")

# --- PNG -------------------------------------------------------------------------------------
# Written here with zlib, so every chunk (and every fault) is spelled out.

def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, rows, colour=0, depth=8, interlace=0, extra=b"", ihdr_size=None):
    w, h = ihdr_size or (width, height)
    header = struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace)
    raw = b"".join(b"\x00" + bytes(row) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + extra
            + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))


def adam7(rows):
    """8-bit grey rows in Adam7 order, as the seven reduced images an interlaced PNG stores."""
    height, width = len(rows), len(rows[0])
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    out = []
    for x0, y0, dx, dy in passes:
        if x0 >= width or y0 >= height:
            continue
        out += [[rows[y][x] for x in range(x0, width, dx)] for y in range(y0, height, dy)]
    return out


def grey_rows(width, height, seed=0):
    pixels = digit_pixels(height, width, seed)
    return [[255 - p for p in pixels[y * width:(y + 1) * width]] for y in range(height)]


grey = png(16, 16, grey_rows(16, 16))
write("png", "valid-grey-16x16", grey)
write("png", "valid-rgb-12x12", png(12, 12, [[v for p in row for v in (p, p // 2, 255 - p)] for row in grey_rows(12, 12)], colour=2))
write("png", "valid-rgba-16-bit", png(8, 8, [[b for p in row for b in (p, p, 0, 0, p, p, 0, 200)] for row in grey_rows(8, 8)],
                                      colour=6, depth=16))
write("png", "valid-grey-alpha", png(8, 8, [[b for p in row for b in (0, 255 - p)] for row in grey_rows(8, 8)], colour=4))
palette = png_chunk(b"PLTE", bytes([0, 0, 0, 255, 255, 255, 128, 128, 128])) + png_chunk(b"tRNS", bytes([255, 0]))
write("png", "valid-palette-2-bit-trns", png(8, 2, [[0b00010010, 0b01000000]] * 2, colour=3, depth=2, extra=palette))
write("png", "valid-grey-1-bit", png(16, 4, [[0x0F, 0xF0]] * 4, depth=1))
write("png", "valid-interlaced", png(16, 16, adam7(grey_rows(16, 16, 2)), interlace=1))
write("png", "invalid-interlace-flag-on-sequential-rows", png(16, 16, grey_rows(16, 16, 2), interlace=1))
write("png", "valid-1x1", png(1, 1, [[0]]))
write("png", "invalid-empty", b"")
write("png", "invalid-signature-only", b"\x89PNG\r\n\x1a\n")
write("png", "invalid-truncated-in-idat", grey[:len(grey) // 2])
write("png", "invalid-truncated-before-iend", grey[:-12])
bad_crc = bytearray(grey)
bad_crc[29] ^= 0xFF
write("png", "invalid-bad-ihdr-crc", bytes(bad_crc))
write("png", "invalid-100000x100000", png(16, 16, grey_rows(16, 16), ihdr_size=(100000, 100000)))
write("png", "invalid-zero-width", png(16, 16, grey_rows(16, 16), ihdr_size=(0, 16)))
write("png", "invalid-short-idat", png(16, 16, grey_rows(16, 8)))
write("png", "invalid-bad-depth-for-rgb", png(4, 4, [[0] * 12] * 4, colour=2, depth=4))

# --- JPEG --------------------------------------------------------------------------------------
# JPEG needs an encoder: Pillow (pip install pillow), with its own libjpeg-turbo. Without it the
# committed JPEG seeds stay as they are.

try:
    from PIL import Image
    import io

    def jpeg(mode, size, pixels, **options):
        image = Image.new(mode, size)
        image.putdata(pixels)
        out = io.BytesIO()
        image.save(out, "JPEG", **options)
        return out.getvalue()

    shade = [255 - p for p in digit_pixels(16, 16, 0)]
    baseline = jpeg("L", (16, 16), shade, quality=90)
    write("jpeg", "valid-baseline-grey", baseline)
    write("jpeg", "valid-baseline-colour", jpeg("RGB", (16, 16), [(p, p, 255 - p // 2) for p in shade], quality=80))
    write("jpeg", "valid-progressive-grey", jpeg("L", (16, 16), shade, quality=90, progressive=True))
    write("jpeg", "valid-progressive-colour", jpeg("RGB", (24, 16), [(p, 200, p) for p in digit_pixels(16, 24, 1)],
                                                   progressive=True, subsampling=2))
    write("jpeg", "valid-cmyk", jpeg("CMYK", (8, 8), [(0, 0, 0, p) for p in digit_pixels(8, 8, 0)]))
    write("jpeg", "valid-1x1", jpeg("L", (1, 1), [0]))
    write("jpeg", "invalid-empty", b"")
    write("jpeg", "invalid-soi-only", b"\xff\xd8\xff")
    write("jpeg", "invalid-truncated-in-scan", baseline[:len(baseline) - 40])
    write("jpeg", "invalid-truncated-in-header", baseline[:100])

    def with_size(data, width, height):
        data = bytearray(data)
        position = 2
        while position + 4 <= len(data):
            marker, length = data[position + 1], struct.unpack(">H", data[position + 2:position + 4])[0]
            if marker in (0xC0, 0xC2):
                data[position + 5:position + 9] = struct.pack(">HH", height, width)
                break
            position += 2 + length
        return bytes(data)

    write("jpeg", "invalid-60000x60000", with_size(baseline, 60000, 60000))
    write("jpeg", "invalid-zero-height", with_size(baseline, 16, 0))
    garbage = bytearray(baseline)
    start = baseline.index(b"\xff\xda") + 14
    garbage[start:start + 20] = b"\xff\xd3" * 10
    write("jpeg", "invalid-restart-markers-in-scan", bytes(garbage))
except ImportError:
    print("make_corpus: Pillow not installed; JPEG seeds left as they are (pip install pillow)")

# --- drawn digits ------------------------------------------------------------------------------

def drawn(drawings, writers=None, **extra):
    document = {"format": "digits-drawn-strokes", "version": 1,
                "writers": writers or [{"name": "w", "split": "development"}],
                "drawings": drawings}
    document.update(extra)
    return json.dumps(document, separators=(",", ":"))


def drawing(canvas=(28, 20), strokes=None, **extra):
    item = {"id": extra.pop("id", "w/7/0"), "label": 7, "writer": "w",
            "canvas": {"columns": canvas[0], "rows": canvas[1]},
            "strokes": strokes or [[[5, 3], [20, 3], [12, 17]]]}
    item.update(extra)
    return item


write("drawn-digits", "valid-seven", drawn([drawing(template="seven_plain", terminal={"columns": 80, "rows": 24})]))
write("drawn-digits", "valid-two-writers", drawn(
    [drawing(), dict(drawing(id="v/1/0", strokes=[[[10, 2], [10, 18]]]), writer="v", label=1)],
    writers=[{"name": "w", "split": "development", "style": "tidy"}, {"name": "v", "split": "held-out"}],
    description="two writers"))
write("drawn-digits", "valid-brush-10-and-400", drawn(
    [drawing(brushPercent=10), drawing(id="w/7/1", brushPercent=400)]))
write("drawn-digits", "valid-canvas-1x1", drawn([drawing(canvas=(1, 1), strokes=[[[0, 0]]])]))
write("drawn-digits", "valid-canvas-1024x1024-one-dot", drawn([drawing(canvas=(1024, 1024), strokes=[[[512, 512]]])]))
write("drawn-digits", "valid-unicode-names", drawn([drawing(id="\u00e9crit/\U0001F600")]))
write("drawn-digits", "invalid-empty", b"")
write("drawn-digits", "invalid-unknown-field", drawn([drawing(colour="red")]))
write("drawn-digits", "invalid-point-outside-canvas", drawn([drawing(strokes=[[[28, 0]]])]))
write("drawn-digits", "invalid-wrong-format", drawn([drawing()], format="something-else"))
write("drawn-digits", "invalid-version-2", drawn([drawing()], version=2))
write("drawn-digits", "invalid-no-drawings", drawn([]))
write("drawn-digits", "invalid-duplicate-id", drawn([drawing(), drawing()]))
write("drawn-digits", "invalid-canvas-1025", drawn([drawing(canvas=(1025, 1))]))
write("drawn-digits", "invalid-huge-integer", drawn([drawing(strokes=[[[99999999999999999999999, 0]]])]))
write("drawn-digits", "invalid-nesting-100-deep", "[" * 100 + "]" * 100)
write("drawn-digits", "invalid-bad-utf8", b'{"format":"\xff\xfe"}')
write("drawn-digits", "invalid-lone-surrogate", '{"format":"\\ud800"}')
