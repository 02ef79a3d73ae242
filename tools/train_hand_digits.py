#!/usr/bin/python3
"""Trains the hand-digit classifier, models/hand-digits.yml.gz (see models/README.md).

usage: train_hand_digits.py FEATURES_PREFIX OUT.yml.gz [--hidden 128] [--epochs 40]

FEATURES_PREFIX is what tools/hand_digit_features wrote (.features, .labels, .sets). A network
of one hidden layer (ReLU) and a softmax output, trained with Adam on cross-entropy in numpy
(Debian's python3-numpy; no other package); written as OpenCV FileStorage matrices w1, b1, w2,
b2 that pipeline/ocr/hand_digits.cc reads. Prints accuracy on the train set, the MNIST-style
held-out digits and the real pen digits held out by document.
"""
import argparse
import gzip
import numpy as np


def load(prefix):
    labels = np.fromfile(prefix + ".labels", dtype=np.uint8).astype(np.int64)
    sets = np.fromfile(prefix + ".sets", dtype=np.uint8)
    features = np.fromfile(prefix + ".features", dtype=np.float32).reshape(len(labels), -1)
    return features, labels, sets


def forward(params, x):
    w1, b1, w2, b2 = params
    h = np.maximum(x @ w1 + b1, 0)
    logits = h @ w2 + b2
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return h, p / p.sum(axis=1, keepdims=True)


def accuracy(params, x, y):
    if len(y) == 0:
        return float("nan")
    return 100.0 * np.mean(forward(params, x)[1].argmax(axis=1) == y)


def train(x, y, hidden, epochs, rng):
    n, d = x.shape
    params = [rng.normal(0, np.sqrt(2 / d), (d, hidden)).astype(np.float32), np.zeros(hidden, np.float32),
              rng.normal(0, np.sqrt(2 / hidden), (hidden, 10)).astype(np.float32), np.zeros(10, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step, batch, decay = 0, 128, 1e-4
    for epoch in range(epochs):
        rate = 1e-3 * (0.5 ** (epoch // 15))
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            xb, yb = x[idx], y[idx]
            h, p = forward(params, xb)
            grad_logits = p
            grad_logits[np.arange(len(yb)), yb] -= 1
            grad_logits /= len(yb)
            gw2 = h.T @ grad_logits + decay * params[2]
            gb2 = grad_logits.sum(axis=0)
            gh = (grad_logits @ params[2].T) * (h > 0)
            gw1 = xb.T @ gh + decay * params[0]
            gb1 = gh.sum(axis=0)
            step += 1
            for i, g in enumerate((gw1, gb1, gw2, gb2)):
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                mh = m[i] / (1 - 0.9 ** step)
                vh = v[i] / (1 - 0.999 ** step)
                params[i] -= rate * mh / (np.sqrt(vh) + 1e-8)
    return params


def write_matrix(out, name, matrix):
    matrix = np.atleast_2d(matrix)
    values = ", ".join("%.6g" % value for value in matrix.ravel())
    out.write("%s: !!opencv-matrix\n   rows: %d\n   cols: %d\n   dt: f\n   data: [ %s ]\n"
              % (name, matrix.shape[0], matrix.shape[1], values))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("out")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=40)
    args = ap.parse_args()
    x, y, sets = load(args.features)
    rng = np.random.default_rng(20261205)
    params = train(x[sets == 0], y[sets == 0], args.hidden, args.epochs, rng)
    print("accuracy: train %.2f %%, MNIST-style held out %.2f %% (%d), real pen digits held out %.2f %% (%d)"
          % (accuracy(params, x[sets == 0], y[sets == 0]), accuracy(params, x[sets == 1], y[sets == 1]),
             np.sum(sets == 1), accuracy(params, x[sets == 2], y[sets == 2]), np.sum(sets == 2)))
    with gzip.open(args.out, "wt") as out:
        out.write("%YAML:1.0\n---\n")
        for name, matrix in zip(("w1", "b1", "w2", "b2"), params):
            write_matrix(out, name, matrix)


if __name__ == "__main__":
    main()
