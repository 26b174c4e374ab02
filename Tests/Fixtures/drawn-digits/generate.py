#!/usr/bin/env python3
"""Generates drawn-digits.json: digits as people draw them with a mouse on the Draw screen.

Why generated: the Draw screen has to read digits drawn in a terminal, which look nothing like
MNIST's pen-on-paper scans (uniform stroke width, straight segments, coarse cell coordinates,
any size, slant and aspect). This script writes a fixed, reviewable test set of such drawings
from hand-written templates of eight "writers", each with their own habits, plus seeded random
variation per drawing. Its output is committed, so the Swift tests never need Python; rerun it
only to change the set, and review the previews when you do.

Usage:
    python3 generate.py                 # writes drawn-digits.json next to this file
    python3 generate.py --preview       # prints every drawing as the canvas shows it
    python3 generate.py --preview --writer writer-b --digit 7
    python3 generate.py --check         # exits 1 if drawn-digits.json is not what it would write

How a drawing is made (see README.md for the file format):
 1. The writer picks a template for the digit (a list of strokes, each a chain of straight
    pieces `L`, smooth Catmull-Rom pieces `C` and elliptic arcs `A`, in a unit box: x to the
    right, y down, both 0...1).
 2. The template is bent by a smooth random warp, stretched to the writer's aspect ratio,
    slanted, rotated a little, scaled to the writer's size and placed where the writer tends
    to draw, in screen pixels (one per cell across, two per cell down: square, because a
    terminal cell is about twice as tall as it is wide).
 3. The pen overshoots some corners and stroke ends, wobbles slowly and shakes quickly as a
    hand on a mouse does.
 4. The path becomes what a terminal reports: the cell under the pointer (column, row),
    0-based from the canvas's top-left cell, once per change of cell, with cells skipped when
    the hand moves fast. Corners are always reported (people slow down there).
"""

import argparse
import json
import math
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "drawn-digits.json"
BASE_SEED = 20240503

# The Draw screen's canvas, in cells, for some terminal sizes (DrawLayout in
# Sources/DigitsTUI/Draw/DrawLayout.swift). The screen test checks these still hold.
TERMINALS = {
    (80, 24): (28, 20),
    (100, 30): (44, 26),
    (120, 40): (57, 36),
    (160, 50): (65, 46),
}


# --- Template pieces -------------------------------------------------------------------------

class Piece:
    """Points of one piece of a stroke in the unit box, and which of them are corners."""

    def __init__(self, points, corners):
        self.points = points
        self.corners = corners


def L(*points):
    """Straight lines through the points; every point is a corner."""
    return Piece([tuple(p) for p in points], [True] * len(points))


def C(*points, samples=10):
    """A smooth curve through the points (Catmull-Rom); only its ends are corners."""
    pts = [tuple(p) for p in points]
    ext = [(2 * pts[0][0] - pts[1][0], 2 * pts[0][1] - pts[1][1])] + pts + \
          [(2 * pts[-1][0] - pts[-2][0], 2 * pts[-1][1] - pts[-2][1])]
    out = [pts[0]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for s in range(1, samples + 1):
            t = s / samples
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t
                                    + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                             for k in range(2)))
    corners = [False] * len(out)
    corners[0] = corners[-1] = True
    return Piece(out, corners)


def A(cx, cy, rx, ry, start, end, samples_per_90=8):
    """An elliptic arc; angles in degrees, 0 to the right, 90 down (so increasing angles go
    clockwise on screen)."""
    steps = max(2, int(abs(end - start) / 90 * samples_per_90))
    out = []
    for s in range(steps + 1):
        a = math.radians(start + (end - start) * s / steps)
        out.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    corners = [False] * len(out)
    corners[0] = corners[-1] = True
    return Piece(out, corners)


def stroke(*pieces):
    """Pieces joined end to start into one stroke (a piece's first point is dropped when it
    repeats the previous piece's last)."""
    points, corners = [], []
    for piece in pieces:
        pts, cs = piece.points, piece.corners
        if points and math.dist(points[-1], pts[0]) < 1e-9:
            corners[-1] = corners[-1] or cs[0]
            pts, cs = pts[1:], cs[1:]
        points += pts
        corners += cs
    return (points, corners)


# --- Templates: each returns (strokes, natural aspect width/height) ---------------------------
# `r` is the drawing's random generator, for details a person varies from one drawing to the
# next (how far a loop closes, where a bar starts).

def zero_oval(r, clockwise=False, closure=(-5, 25)):
    extra = r.uniform(*closure)
    start = 270 + r.uniform(-25, 15)
    sweep = 360 + extra
    end = start + sweep if clockwise else start - sweep
    return [stroke(A(0.5, 0.5, 0.5, 0.5, start, end))], 0.68


def zero_clockwise(r):
    return zero_oval(r, clockwise=True)


def zero_overlapping(r):
    return zero_oval(r, closure=(10, 35))


def zero_open(r):
    return zero_oval(r, closure=(-50, -25))


def zero_pointed(r):
    # Angular: six straight strokes, started at the top, counter-clockwise.
    return [stroke(L((0.55, 0.0), (0.08, 0.25), (0.02, 0.72), (0.45, 1.0), (0.95, 0.75),
                     (0.98, 0.25), (0.5, 0.02)))], 0.65


def zero_slashed(r):
    # A programmer's zero: the oval, then a slash through it.
    strokes, aspect = zero_oval(r)
    return strokes + [stroke(L((0.85, 0.1), (0.15, 0.9)))], aspect


def zero_tail(r):
    # Starts inside near the top right and loops round, leaving a tick.
    return [stroke(C((0.75, 0.15), (0.5, 0.0), (0.12, 0.2), (0.03, 0.6), (0.3, 0.98), (0.75, 0.92),
                     (0.97, 0.5), (0.85, 0.12), (0.55, 0.02)))], 0.65


def one_bar(r):
    return [stroke(L((0.5, 0.0), (0.5, 1.0)))], 0.0


def one_bar_up(r):
    return [stroke(L((0.5, 1.0), (0.5, 0.0)))], 0.0


def one_flag(r):
    flag = r.uniform(0.15, 0.3)
    return [stroke(L((0.0, flag), (0.65, 0.0), (0.65, 1.0)))], 0.35


def one_flag_base(r):
    return [stroke(L((0.1, 0.25), (0.55, 0.0), (0.55, 1.0))),
            stroke(L((0.1, 1.0), (0.95, 1.0)))], 0.55


def two_curve(r):
    return [stroke(C((0.04, 0.25), (0.3, 0.02), (0.68, 0.02), (0.93, 0.25), (0.8, 0.5),
                     (0.4, 0.78), (0.03, 1.0)),
                   L((0.03, 1.0), (1.0, 0.98)))], 0.7


def two_loop(r):
    return [stroke(C((0.04, 0.25), (0.3, 0.02), (0.68, 0.02), (0.93, 0.25), (0.8, 0.5),
                     (0.35, 0.8), (0.1, 0.97), (0.04, 0.86), (0.2, 0.8), (0.38, 0.95),
                     (0.65, 1.0), (1.0, 0.94)))], 0.7


def two_angular(r):
    return [stroke(L((0.0, 0.15), (0.25, 0.0), (0.85, 0.0), (1.0, 0.22), (0.0, 1.0), (1.0, 1.0)))], 0.7


def three_bumps(r):
    waist = r.uniform(0.3, 0.45)
    return [stroke(C((0.05, 0.12), (0.35, 0.0), (0.75, 0.03), (0.88, 0.22), (0.7, 0.42), (waist, 0.48)),
                   C((waist, 0.48), (0.78, 0.54), (0.97, 0.75), (0.75, 0.97), (0.35, 1.0), (0.0, 0.86)))], 0.68


def three_two_strokes(r):
    return [stroke(C((0.05, 0.12), (0.35, 0.0), (0.75, 0.03), (0.88, 0.22), (0.7, 0.42), (0.35, 0.48))),
            stroke(C((0.4, 0.47), (0.8, 0.55), (0.97, 0.76), (0.75, 0.97), (0.35, 1.0), (0.0, 0.86)))], 0.68


def three_flat_top(r):
    return [stroke(L((0.05, 0.0), (0.95, 0.0), (0.4, 0.4)),
                   C((0.4, 0.4), (0.85, 0.5), (0.98, 0.75), (0.7, 0.98), (0.3, 1.0), (0.0, 0.85)))], 0.7


def three_angular(r):
    return [stroke(L((0.0, 0.05), (0.9, 0.0), (0.45, 0.45), (0.95, 0.62), (0.9, 0.92),
                     (0.5, 1.0), (0.0, 0.92)))], 0.65


def four_closed(r):
    return [stroke(L((0.7, 0.0), (0.0, 0.68), (1.0, 0.68))),
            stroke(L((0.72, 0.0), (0.72, 1.0)))], 0.75


def four_closed_one_stroke(r):
    # Up the stem, down the diagonal, across: one stroke, common with a mouse.
    return [stroke(L((0.72, 1.0), (0.72, 0.0), (0.0, 0.68), (1.0, 0.68)))], 0.75


def four_open(r):
    return [stroke(L((0.12, 0.0), (0.04, 0.6), (0.98, 0.6))),
            stroke(L((0.72, 0.15), (0.72, 1.0)))], 0.75


def four_open_stem_first(r):
    return [stroke(L((0.72, 0.1), (0.72, 1.0))),
            stroke(L((0.12, 0.0), (0.04, 0.6), (0.98, 0.6)))], 0.75


BELLY = ((0.1, 0.46), (0.45, 0.36), (0.85, 0.46), (0.96, 0.7), (0.75, 0.95), (0.4, 1.0), (0.03, 0.88))


def five_two_strokes(r):
    return [stroke(L((0.14, 0.0), (0.1, 0.46)), C(*BELLY)),
            stroke(L((0.14, 0.0), (0.9, 0.0)))], 0.7


def five_one_stroke(r):
    return [stroke(L((0.9, 0.0), (0.14, 0.0), (0.1, 0.46)), C(*BELLY))], 0.7


def five_detached_bar(r):
    # The top bar added last and floating a little right of the stem.
    gap = r.uniform(0.05, 0.15)
    return [stroke(L((0.14, 0.02), (0.1, 0.46)), C(*BELLY)),
            stroke(L((0.14 + gap, 0.0), (0.95, 0.0)))], 0.7


def five_angular(r):
    return [stroke(L((0.95, 0.0), (0.1, 0.0), (0.05, 0.45), (0.85, 0.45), (0.98, 0.72), (0.8, 1.0), (0.0, 1.0)))], 0.7


def six_curve(r, close=True):
    tail = [(0.35, 0.52), (0.12, 0.72)] if close else [(0.4, 0.52), (0.2, 0.62)]
    return [stroke(C((0.75, 0.0), (0.4, 0.15), (0.12, 0.5), (0.1, 0.8), (0.35, 1.0), (0.7, 0.95),
                     (0.92, 0.72), (0.7, 0.5), *tail))], 0.68


def six_open(r):
    return six_curve(r, close=False)


def six_small_loop(r):
    # A long sweeping stem and a small loop at the bottom.
    return [stroke(C((0.85, 0.0), (0.45, 0.2), (0.15, 0.55), (0.12, 0.85), (0.4, 1.0), (0.75, 0.92),
                     (0.8, 0.72), (0.5, 0.64), (0.18, 0.78)))], 0.6


def six_straight_stem(r):
    return [stroke(L((0.65, 0.0), (0.1, 0.62)),
                   C((0.1, 0.62), (0.15, 0.88), (0.45, 1.0), (0.85, 0.87), (0.85, 0.58), (0.45, 0.5), (0.12, 0.65)))], 0.68


def six_angular(r):
    return [stroke(L((0.8, 0.0), (0.1, 0.45), (0.05, 1.0), (0.95, 1.0), (0.95, 0.55), (0.08, 0.55)))], 0.68


def seven_plain(r):
    foot = r.uniform(0.25, 0.45)
    return [stroke(L((0.0, 0.0), (1.0, 0.0), (foot, 1.0)))], 0.68


def seven_crossbar(r):
    foot = r.uniform(0.25, 0.45)
    mid = (1.0 + foot) / 2
    return [stroke(L((0.0, 0.0), (1.0, 0.0), (foot, 1.0))),
            stroke(L((mid - 0.35, 0.52), (mid + 0.3, 0.5)))], 0.68


def seven_serif(r):
    return [stroke(L((0.0, 0.2), (0.02, 0.0), (1.0, 0.0), (0.4, 1.0)))], 0.68


def seven_serif_crossbar(r):
    return [stroke(L((0.0, 0.2), (0.02, 0.0), (1.0, 0.0), (0.4, 1.0))),
            stroke(L((0.35, 0.5), (0.95, 0.5)))], 0.68


def seven_curved(r):
    return [stroke(L((0.0, 0.0), (1.0, 0.0)), C((1.0, 0.0), (0.72, 0.38), (0.52, 0.7), (0.45, 1.0)))], 0.68


def eight_s_and_back(r):
    return [stroke(C((0.85, 0.13), (0.5, 0.0), (0.15, 0.12), (0.2, 0.32), (0.5, 0.48), (0.85, 0.68),
                     (0.8, 0.92), (0.5, 1.0), (0.18, 0.9), (0.15, 0.7), (0.5, 0.48), (0.82, 0.28),
                     (0.85, 0.12)))], 0.62


def eight_two_loops(r):
    return [stroke(A(0.5, 0.24, 0.36, 0.24, 90, 90 - 370)),
            stroke(A(0.5, 0.73, 0.46, 0.27, 270, 270 + 370))], 0.62


def eight_snowman(r):
    # Two circles drawn separately that do not quite meet.
    gap = r.uniform(0.0, 0.05)
    return [stroke(A(0.5, 0.22, 0.34, 0.22, 270, 270 - 370)),
            stroke(A(0.5, 0.73 + gap, 0.46, 0.27 - gap, 270, 270 - 370))], 0.62


def eight_figure(r):
    return [stroke(C((0.5, 0.5), (0.15, 0.3), (0.5, 0.0), (0.85, 0.25), (0.5, 0.5), (0.1, 0.75),
                     (0.5, 1.0), (0.9, 0.75), (0.5, 0.5)))], 0.6


def eight_diamonds(r):
    return [stroke(L((0.5, 0.5), (0.1, 0.25), (0.5, 0.0), (0.9, 0.25), (0.5, 0.5), (0.05, 0.75),
                     (0.5, 1.0), (0.95, 0.75), (0.5, 0.5)))], 0.62


def nine_head(r, close=0.0):
    # The head counter-clockwise from its right side, ending back there (or short of it).
    return A(0.5, 0.28, 0.44, 0.28, 10, 10 - 360 + close)


def nine_straight(r):
    return [stroke(nine_head(r), L((0.94, 0.33), (0.9, 1.0)))], 0.65


def nine_curved(r):
    return [stroke(nine_head(r), C((0.94, 0.33), (0.92, 0.7), (0.72, 0.97), (0.35, 1.0), (0.12, 0.9)))], 0.65


def nine_two_strokes(r):
    return [stroke(A(0.45, 0.28, 0.42, 0.28, 0, -360 - r.uniform(0, 20))),
            stroke(L((0.88, 0.05), (0.86, 1.0)))], 0.62


def nine_small_head(r):
    # A small head and a long straight stick.
    return [stroke(A(0.5, 0.18, 0.45, 0.18, 10, -350), L((0.94, 0.21), (0.88, 1.0)))], 0.55


def nine_open(r):
    return [stroke(nine_head(r, close=r.uniform(25, 45)), L((0.94, 0.2), (0.9, 1.0)))], 0.65


def nine_angular(r):
    return [stroke(L((0.95, 0.05), (0.15, 0.02), (0.06, 0.45), (0.95, 0.45), (0.95, 0.05), (0.88, 1.0)))], 0.65


# --- Writers ---------------------------------------------------------------------------------

class Writer:
    def __init__(self, name, split, style, variants, *, size, aspect, slant, rotation=2.0,
                 placement="centre", warp=0.03, wobble=0.3, shake=0.15, gap=(1.0, 1.3),
                 overshoot=(0.1, 1.5), hook=0.0, brushes=((100, 1),), terminals=None,
                 reverse=False):
        self.name, self.split, self.style = name, split, style
        self.variants = variants  # digit -> [(template, weight)]
        self.size = size  # digit height as a fraction of the canvas height (visual)
        self.aspect = aspect  # multiplier of the template's natural width/height
        self.slant = slant  # (mean, sd) degrees, positive leans right
        self.rotation = rotation  # sd, degrees
        self.placement = placement  # centre | anywhere | corner
        self.warp = warp  # amplitude of the smooth shape warp, unit-box fraction
        self.wobble = wobble  # slow wander of the hand, screen pixels
        self.shake = shake  # fast tremor, screen pixels
        self.gap = gap  # cells travelled between mouse reports (1 = every cell)
        self.overshoot = overshoot  # (probability per corner or end, max screen pixels)
        self.hook = hook  # probability of a small tick where the pen lands
        self.brushes = brushes  # (percent of the suggested radius, weight)
        self.terminals = terminals or (((80, 24), 6), ((100, 30), 2), ((120, 40), 1), ((160, 50), 1))
        self.reverse = reverse  # draws horizontal strokes right to left (left-handed)


WRITERS = [
    Writer("writer-a", "development",
           "tidy: upright, centred, medium size; closed 4, plain 7, 1 as a bar, S-shaped 8",
           {0: [(zero_oval, 1)], 1: [(one_bar, 3), (one_bar_up, 1)], 2: [(two_curve, 1)],
            3: [(three_bumps, 1)], 4: [(four_closed, 1)], 5: [(five_two_strokes, 1)],
            6: [(six_curve, 1)], 7: [(seven_plain, 1)], 8: [(eight_s_and_back, 1)],
            9: [(nine_straight, 1)]},
           size=(0.6, 0.8), aspect=(0.9, 1.1), slant=(2, 3), wobble=0.3, shake=0.12),
    Writer("writer-b", "held-out",
           "continental: 1 with a flag (sometimes a base), 7 crossed, open 4, 9 with a curved "
           "tail, some looped 2s; leans right",
           {0: [(zero_oval, 1)], 1: [(one_flag, 2), (one_flag_base, 1)],
            2: [(two_curve, 1), (two_loop, 1)], 3: [(three_bumps, 1)],
            4: [(four_open, 2), (four_open_stem_first, 1)], 5: [(five_one_stroke, 1)],
            6: [(six_curve, 1)], 7: [(seven_crossbar, 2), (seven_serif_crossbar, 1)],
            8: [(eight_two_loops, 1), (eight_s_and_back, 1)], 9: [(nine_curved, 1)]},
           size=(0.55, 0.85), aspect=(0.85, 1.1), slant=(10, 4), wobble=0.4, shake=0.2,
           brushes=((100, 3), (80, 1))),
    Writer("writer-c", "development",
           "tiny and off-centre: small digits near a corner or an edge, drawn fast (the mouse "
           "skips cells), a little shaky",
           {0: [(zero_oval, 1)], 1: [(one_bar, 2), (one_flag, 1)], 2: [(two_curve, 1)],
            3: [(three_bumps, 1)], 4: [(four_closed, 1), (four_open, 1)],
            5: [(five_one_stroke, 1)], 6: [(six_curve, 1), (six_small_loop, 1)], 7: [(seven_plain, 1)],
            8: [(eight_figure, 1)], 9: [(nine_straight, 1), (nine_two_strokes, 1)]},
           size=(0.33, 0.5), aspect=(0.9, 1.2), slant=(4, 5), placement="corner",
           wobble=0.3, shake=0.25, gap=(1.5, 2.5)),
    Writer("writer-d", "development",
           "big and wide: short, wide digits with a thick brush; looped 2, 1 with flag and base, "
           "flat-topped 3, 4 in one stroke",
           {0: [(zero_oval, 1)], 1: [(one_flag_base, 2), (one_flag, 1)], 2: [(two_loop, 1)],
            3: [(three_flat_top, 1)], 4: [(four_closed_one_stroke, 1)],
            5: [(five_two_strokes, 1)], 6: [(six_straight_stem, 1)],
            7: [(seven_serif, 1), (seven_plain, 1)], 8: [(eight_two_loops, 1)],
            9: [(nine_two_strokes, 1)]},
           size=(0.45, 0.65), aspect=(1.35, 1.75), slant=(0, 3), wobble=0.4, shake=0.15,
           brushes=((125, 2), (150, 1)), terminals=(((80, 24), 3), ((100, 30), 3), ((120, 40), 2))),
    Writer("writer-e", "held-out",
           "tall, thin and left-handed: narrow digits leaning left, horizontal strokes drawn "
           "right to left, 0 clockwise, corners overshot; open 4 stem first, 5 in one stroke",
           {0: [(zero_clockwise, 1)], 1: [(one_bar, 1)],
            2: [(two_curve, 1)], 3: [(three_bumps, 1), (three_two_strokes, 1)],
            4: [(four_open_stem_first, 1)], 5: [(five_one_stroke, 1)], 6: [(six_curve, 1)],
            7: [(seven_plain, 2), (seven_curved, 1)], 8: [(eight_figure, 1)],
            9: [(nine_straight, 1), (nine_small_head, 1)]},
           size=(0.7, 0.9), aspect=(0.5, 0.7), slant=(-8, 4), wobble=0.4, shake=0.2,
           overshoot=(0.5, 2.0), reverse=True),
    Writer("writer-f", "development",
           "angular: straight segments and sharp corners (pointed 0, Z-like 2, diamond 8, boxy 9), "
           "quick straight moves, overshoots",
           {0: [(zero_pointed, 2), (zero_oval, 1), (zero_slashed, 1)], 1: [(one_flag, 1), (one_bar, 1)],
            2: [(two_angular, 1)], 3: [(three_angular, 1)], 4: [(four_closed, 1)],
            5: [(five_angular, 1)], 6: [(six_angular, 1)], 7: [(seven_plain, 1)],
            8: [(eight_diamonds, 1)], 9: [(nine_angular, 1)]},
           size=(0.55, 0.8), aspect=(0.9, 1.15), slant=(0, 3), wobble=0.2, shake=0.1,
           gap=(2.0, 3.0), overshoot=(0.4, 1.5)),
    Writer("writer-g", "held-out",
           "cursive: strongly slanted right, looped 2, S-shaped 8, curved tails on 7 and 9, 0 with "
           "an overlapping close, placed anywhere",
           {0: [(zero_overlapping, 1), (zero_tail, 1)],
            1: [(one_bar, 1), (one_flag, 1)], 2: [(two_loop, 1)], 3: [(three_bumps, 1)],
            4: [(four_closed, 1), (four_open, 1)], 5: [(five_two_strokes, 1)],
            6: [(six_curve, 1), (six_small_loop, 1)], 7: [(seven_curved, 1), (seven_plain, 1)],
            8: [(eight_s_and_back, 1)], 9: [(nine_curved, 1)]},
           size=(0.5, 0.8), aspect=(0.85, 1.1), slant=(20, 4), placement="anywhere",
           wobble=0.4, shake=0.15),
    Writer("writer-h", "development",
           "shaky trackpad: a trembling hand, open loops (0, 6, 9 not closed), 5 with a floating "
           "bar, overshot corners, a thin brush",
           {0: [(zero_open, 1), (zero_oval, 1)], 1: [(one_bar, 1), (one_flag, 1)],
            2: [(two_curve, 1)], 3: [(three_two_strokes, 1)], 4: [(four_open, 1)],
            5: [(five_detached_bar, 1)], 6: [(six_open, 1)], 7: [(seven_plain, 1)],
            8: [(eight_two_loops, 1), (eight_snowman, 1)], 9: [(nine_open, 1)]},
           size=(0.55, 0.85), aspect=(0.85, 1.15), slant=(3, 5), rotation=4.0, placement="anywhere",
           warp=0.05, wobble=0.8, shake=0.45, overshoot=(0.4, 1.5), hook=0.25,
           brushes=((100, 2), (80, 2), (65, 1), (50, 1))),
]

DRAWINGS_PER_DIGIT = 4  # per writer: 8 writers x 10 digits x 4 = 320 drawings


# --- From template to mouse reports ----------------------------------------------------------

def weighted(r, pairs):
    total = sum(w for _, w in pairs)
    x = r.uniform(0, total)
    for value, w in pairs:
        x -= w
        if x <= 0:
            return value
    return pairs[-1][0]


def smooth_noise(r, n, step, scale, amplitude):
    """Noise along a path of n samples `step` apart, varying over about `scale` pixels."""
    if amplitude <= 0 or n == 0:
        return [0.0] * n
    a = math.exp(-step / scale)
    b = math.sqrt(1 - a * a)
    v = r.gauss(0, 1)
    out = []
    for _ in range(n):
        v = a * v + b * r.gauss(0, 1)
        out.append(v * amplitude)
    return out


def resample(points, corners, step):
    """Points about `step` apart along the polyline, every corner kept."""
    out, flags = [points[0]], [corners[0]]
    for (p, q, qc) in zip(points, points[1:], corners[1:]):
        d = math.dist(p, q)
        n = max(1, int(math.ceil(d / step)))
        for i in range(1, n + 1):
            t = i / n
            out.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
            flags.append(qc if i == n else False)
    return out, flags


def make_drawing(writer, digit, index, r):
    template = weighted(r, writer.variants[digit])
    strokes, natural_aspect = template(r)
    terminal = weighted(r, writer.terminals)
    columns, rows = TERMINALS[terminal]
    width, height = columns, rows * 2  # the canvas in screen pixels

    # Shape: a smooth warp, the writer's aspect, slant and a little rotation; unit scale.
    aspect = max(natural_aspect, 0.02) * r.uniform(*writer.aspect)
    slant = math.radians(r.gauss(*writer.slant))
    rotation = math.radians(r.gauss(0, writer.rotation))
    wx, wy = r.uniform(-1, 1) * writer.warp, r.uniform(-1, 1) * writer.warp
    fx, fy, px, py = r.uniform(1, 2.5), r.uniform(1, 2.5), r.uniform(0, 6.3), r.uniform(0, 6.3)

    def shape(p):
        x, y = p
        x += wx * math.sin(fy * math.pi * y + py)
        y += wy * math.sin(fx * math.pi * x + px)
        x = (x - 0.5) * aspect
        y = y - 0.5
        x -= y * math.tan(slant)
        c, s = math.cos(rotation), math.sin(rotation)
        return (x * c - y * s, x * s + y * c)

    shaped = [([shape(p) for p in pts], cs) for pts, cs in strokes]
    xs = [p[0] for pts, _ in shaped for p in pts]
    ys = [p[1] for pts, _ in shaped for p in pts]
    box_w, box_h = max(xs) - min(xs), max(ys) - min(ys)

    # Size and place: the writer's height, shrunk to fit the canvas, keeping the whole stroke
    # (the path plus the brush) on the canvas with a little room, as a person who sees the ink does.
    brush = weighted(r, writer.brushes)
    radius = suggested_radius(columns, rows) * brush / 100
    margin = radius + (0.5 if writer.placement == "corner" else 1.5)
    target = r.uniform(*writer.size) * height
    scale = min(target / box_h, (width - 2 * margin) / max(box_w, 1e-6), (height - 2 * margin) / box_h)
    w, h = box_w * scale, box_h * scale
    free_x, free_y = width - 2 * margin - w, height - 2 * margin - h
    if writer.placement == "centre":
        fx0, fy0 = 0.5 + r.gauss(0, 0.12), 0.5 + r.gauss(0, 0.12)
    elif writer.placement == "corner":
        fx0, fy0 = r.choice([r.uniform(0, 0.15), r.uniform(0.85, 1)]), r.choice([r.uniform(0, 0.2), r.uniform(0.8, 1)])
        if r.random() < 0.3:  # sometimes just near one edge
            fx0 = r.uniform(0, 1)
    else:
        fx0, fy0 = r.uniform(0, 1), r.uniform(0, 1)
    left = margin + free_x * min(max(fx0, 0), 1) - min(xs) * scale
    top = margin + free_y * min(max(fy0, 0), 1) - min(ys) * scale

    result = []
    for pts, cs in shaped:
        pts = [(left + x * scale, top + y * scale) for x, y in pts]
        cs = list(cs)
        if writer.reverse and len(pts) >= 2 and abs(pts[-1][1] - pts[0][1]) < 0.25 * abs(pts[-1][0] - pts[0][0]) \
                and pts[-1][0] > pts[0][0]:
            pts, cs = pts[::-1], cs[::-1]  # a left-hander pulls bars right to left
        pts, cs = overshoot(writer, pts, cs, r)
        dense, flags = resample(pts, cs, 0.25)
        n = len(dense)
        wob_x = smooth_noise(r, n, 0.25, 6.0, writer.wobble)
        wob_y = smooth_noise(r, n, 0.25, 6.0, writer.wobble)
        sh_x = smooth_noise(r, n, 0.25, 1.0, writer.shake)
        sh_y = smooth_noise(r, n, 0.25, 1.0, writer.shake)
        dense = [(x + wob_x[i] + sh_x[i], y + wob_y[i] + sh_y[i]) for i, (x, y) in enumerate(dense)]
        result.append(mouse_reports(writer, dense, flags, columns, rows, r))
    return {
        "id": f"{writer.name}/{digit}/{index}",
        "label": digit,
        "writer": writer.name,
        "terminal": {"columns": terminal[0], "rows": terminal[1]},
        "canvas": {"columns": columns, "rows": rows},
        "brushPercent": brush,
        "template": template.__name__,
        "strokes": [s for s in result if s],
    }


def overshoot(writer, pts, cs, r):
    """Carries the pen past some corners and stroke ends, as a hand does."""
    probability, length = writer.overshoot
    out, flags = [pts[0]], [cs[0]]
    for i in range(1, len(pts)):
        p, flag = pts[i], cs[i]
        last = i == len(pts) - 1
        if (flag and not last and r.random() < probability) or (last and r.random() < probability * 0.6):
            dx, dy = p[0] - pts[i - 1][0], p[1] - pts[i - 1][1]
            d = math.hypot(dx, dy)
            if d > 1e-6:
                o = r.uniform(0.4, 1.0) * length
                p = (p[0] + dx / d * o, p[1] + dy / d * o)
        out.append(p)
        flags.append(flag)
    if r.random() < writer.hook and len(out) >= 2:
        # A tick where the pen landed: the pointer moved a little before the stroke began.
        a, b = out[0], out[1]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1
        hook = (a[0] - dy / d * 1.5 - dx / d * 0.5, a[1] + dx / d * 1.5 - dy / d * 0.5)
        out.insert(0, hook)
        flags.insert(0, True)
    return out, flags


def mouse_reports(writer, dense, flags, columns, rows, r):
    """The cells a terminal reports for a pointer following `dense` (screen pixels)."""
    cells, corner = [], []
    for (x, y), f in zip(dense, flags):
        c = min(max(int(math.floor(x)), 0), columns - 1)
        row = min(max(int(math.floor(y / 2)), 0), rows - 1)
        if cells and cells[-1] == (c, row):
            corner[-1] = corner[-1] or f
            continue
        cells.append((c, row))
        corner.append(f)
    if len(cells) <= 2:
        return [list(c) for c in cells]
    gap = r.uniform(*writer.gap)
    kept = [cells[0]]
    travelled = 0.0
    for i in range(1, len(cells)):
        travelled += math.dist(cells[i], cells[i - 1])
        if i == len(cells) - 1 or corner[i] or travelled >= gap:
            if cells[i] != kept[-1]:
                kept.append(cells[i])
            travelled = 0.0
            gap = r.uniform(*writer.gap)
    return [list(c) for c in kept]


def generate():
    drawings = []
    for number, writer in enumerate(WRITERS):
        r = random.Random(BASE_SEED + number)
        for digit in range(10):
            for index in range(DRAWINGS_PER_DIGIT):
                drawings.append(make_drawing(writer, digit, index, r))
    return {
        "format": "digits-drawn-strokes",
        "version": 1,
        "description": "Digits drawn with a mouse on the Draw screen, as the terminal reports them: "
                       "cells (column, row), 0-based from the canvas's top-left cell. Generated by "
                       "generate.py; see README.md.",
        "writers": [{"name": w.name, "split": w.split, "style": w.style} for w in WRITERS],
        "drawings": drawings,
    }


def encode(data):
    """JSON with one drawing per line: diffable, and small enough to review."""
    lines = ["{"]
    for key in ("format", "version", "description"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(data[key])},")
    lines.append('  "writers": [')
    lines.append(",\n".join("    " + json.dumps(w) for w in data["writers"]))
    lines.append("  ],")
    lines.append('  "drawings": [')
    lines.append(",\n".join("    " + json.dumps(d, separators=(",", ":")) for d in data["drawings"]))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- Preview: the canvas as the Draw screen shows it ------------------------------------------

def suggested_radius(columns, rows):
    """Sources/DigitsCore/Preprocessing/SuggestedBrushRadius.swift, in screen pixels."""
    scale = 2 if rows * 2 > 64 else 4
    w, h = columns * scale, rows * 2 * scale
    usable = min(h, w / 0.7)
    return max(2.7 / 2 * 0.75 * usable / 20, 1) / scale


def preview(drawing, thumbnail=None):
    """The canvas as half-block text, as the Draw screen shows it; with `thumbnail`
    (columns, rows), scaled down uniformly to fit that many cells so several fit side by side."""
    columns, rows = drawing["canvas"]["columns"], drawing["canvas"]["rows"]
    radius = suggested_radius(columns, rows) * drawing["brushPercent"] / 100
    factor = 1.0
    if thumbnail:
        factor = min(1.0, thumbnail[0] / columns, thumbnail[1] / rows)
    out_columns, out_rows = int(round(columns * factor)), int(round(rows * factor))
    segments = []
    for s in drawing["strokes"]:
        pts = [((c + 0.5) * factor, (r * 2 + 1.0) * factor) for c, r in s]
        segments += [(pts[0], pts[0])] + list(zip(pts, pts[1:]))
    radius *= factor

    def inked(x, y):
        for (a, b) in segments:
            dx, dy = b[0] - a[0], b[1] - a[1]
            l2 = dx * dx + dy * dy
            t = 0 if l2 == 0 else max(0, min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / l2))
            if math.hypot(x - a[0] - t * dx, y - a[1] - t * dy) <= radius:
                return True
        return False

    out = ["+" + "-" * out_columns + "+"]
    for r in range(out_rows):
        line = ""
        for c in range(out_columns):
            top, bottom = inked(c + 0.5, 2 * r + 0.5), inked(c + 0.5, 2 * r + 1.5)
            line += "\u2588" if top and bottom else "\u2580" if top else "\u2584" if bottom else " "
        out.append("|" + line + "|")
    out.append("+" + "-" * out_columns + "+")
    return out


def side_by_side(blocks, gap=2):
    width = max(len(line) for block in blocks for line in block)
    height = max(len(block) for block in blocks)
    lines = []
    for i in range(height):
        lines.append((" " * gap).join((block[i] if i < len(block) else "").ljust(width) for block in blocks).rstrip())
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preview", action="store_true", help="print the drawings instead of writing them")
    parser.add_argument("--writer", help="only this writer's drawings (with --preview)")
    parser.add_argument("--digit", type=int, help="only this digit (with --preview)")
    parser.add_argument("--full", action="store_true", help="preview at full size, one per row")
    parser.add_argument("--per-row", type=int, default=8, help="thumbnails per row (with --preview)")
    parser.add_argument("--thumb-columns", type=int, default=20, help="thumbnail width in cells")
    parser.add_argument("--thumb-rows", type=int, default=14, help="thumbnail height in cells")
    parser.add_argument("--check", action="store_true", help="fail if the committed file is stale")
    args = parser.parse_args()
    data = generate()
    text = encode(data)
    if args.check:
        if OUTPUT.read_text() != text:
            print("drawn-digits.json is stale: run generate.py", file=sys.stderr)
            return 1
        return 0
    if args.preview:
        chosen = [d for d in data["drawings"]
                  if (args.writer is None or d["writer"] == args.writer)
                  and (args.digit is None or d["label"] == args.digit)]
        if args.full:
            for d in chosen:
                print(f'{d["id"]}  {d["template"]}  canvas {d["canvas"]["columns"]}x{d["canvas"]["rows"]}'
                      f'  brush {d["brushPercent"]}%')
                print("\n".join(preview(d)))
            return 0
        for start in range(0, len(chosen), args.per_row):
            row = chosen[start:start + args.per_row]
            labels = [[d["id"], f'{d["template"][:12]} {d["canvas"]["columns"]}x{d["canvas"]["rows"]}']
                      for d in row]
            print("\n".join(side_by_side([label + preview(d, (args.thumb_columns, args.thumb_rows)) for label, d in zip(labels, row)])))
        return 0
    OUTPUT.write_text(text)
    print(f"wrote {len(data['drawings'])} drawings to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
